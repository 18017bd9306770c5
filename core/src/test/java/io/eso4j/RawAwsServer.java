package io.eso4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A loopback endpoint answering every request with one fixed, possibly malformed, response: what the testkit's
 * well-behaved fake never sends (a corrupted 200 body, an HTML 500). For tests only.
 */
final class RawAwsServer implements AutoCloseable {

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer;

    private final CountDownLatch closed = new CountDownLatch(1);

    /** {@code hang}: never answer; {@code drip}: send headers, then one byte of the body now and then, forever. */
    private record Answer(int status, String contentType, byte[] body, boolean hang, boolean drip) {}

    RawAwsServer(int status, String contentType, String body) {
        respond(status, contentType, body);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Answer now = answer;
            if (now.hang() || now.drip()) {
                stall(exchange, now.drip());
                return;
            }
            byte[] bytes = now.body();
            exchange.getResponseHeaders().add("Content-Type", now.contentType());
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1234");
            exchange.sendResponseHeaders(now.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "raw-aws");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Holds the exchange until the server closes, sending nothing or a byte every 50 ms. */
    private void stall(HttpExchange exchange, boolean drip) throws IOException {
        try {
            if (!drip) {
                closed.await();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            while (!closed.await(50, TimeUnit.MILLISECONDS)) {
                out.write(' ');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up
        } finally {
            exchange.close();
        }
    }

    /** From now on, never answers. */
    void hang() {
        answer = new Answer(0, "", new byte[0], true, false);
    }

    /** From now on, answers 200 and then a byte every 50 ms, never finishing. */
    void drip() {
        answer = new Answer(0, "", new byte[0], false, true);
    }

    /** From now on, answers with this. */
    void respond(int status, String contentType, String body) {
        answer = new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), false, false);
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    /** A client without retries. */
    SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
