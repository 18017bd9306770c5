package io.eso4j.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server in an AWS endpoint's place that answers every request with one fixed status, content type and
 * body, for the hostile-input cases about what an endpoint may send. One at a time; {@link #stop()} is idempotent.
 */
final class RawServer {

    private static HttpServer server;

    private RawServer() {}

    static synchronized void start(int status, String contentType, String body) throws IOException {
        stop();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("x-amzn-RequestId", "raw-server-request");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        Thread starter = new Thread(server::start); // a daemon starter makes the dispatcher a daemon thread
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The running server's endpoint, or a closed port when none runs. */
    static synchronized String endpoint() {
        return server == null
                ? "http://127.0.0.1:9"
                : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
