package io.eso4j;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    private record Answer(int status, String contentType, byte[] body) {}

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
            byte[] bytes = now.body();
            exchange.getResponseHeaders().add("Content-Type", now.contentType());
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1234");
            exchange.sendResponseHeaders(now.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** From now on, answers with this. */
    void respond(int status, String contentType, String body) {
        answer = new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8));
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
        server.stop(0);
    }
}
