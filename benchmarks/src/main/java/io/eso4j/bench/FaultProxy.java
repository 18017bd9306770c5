package io.eso4j.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback proxy in front of the fake that fails a share of requests the way Secrets Manager does: every other
 * request answered with {@code ThrottlingException} (exactly 50%, independent of which operation or secret), or every
 * request answered with 503 {@code ServiceUnavailable} during an outage. The testkit's fault rules count calls
 * rather than sample them, hence this. It can also enforce per-operation TPS quotas like an AWS account's (see
 * {@link #quota}), on a clock of the caller's (simulated time). The fake behind it must not check signatures (the Host
 * differs). Thread-safe.
 */
final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger parity = new AtomicInteger();
    private final Map<String, AtomicLong> requestsByOperation = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttledByOperation = new ConcurrentHashMap<>();
    private volatile boolean throttleHalf;
    private volatile boolean outage;
    private final Object quotaLock = new Object();
    private final Map<String, Integer> quotas = new ConcurrentHashMap<>();
    private volatile Clock quotaClock;
    /** Per operation: {second, requests in it, the most in any second since {@link #resetPeaks}}. Under quotaLock. */
    private final Map<String, long[]> windows = new HashMap<>();

    FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void throttleHalf(boolean on) {
        throttleHalf = on;
    }

    void outage(boolean on) {
        outage = on;
    }

    /**
     * Answers {@code ThrottlingException} (400, as Secrets Manager does) to the requests for each operation beyond
     * its quota per second: a fixed window per second of {@code clock} (no burst allowance), counted over every
     * request that reaches this proxy. Operations without a quota are not limited.
     *
     * @param clock the time the windows are read from, e.g. the simulated clock the clients run on
     * @param perSecond requests per second allowed, by operation name ({@code BatchGetSecretValue}, ...)
     */
    void quota(Clock clock, Map<String, Integer> perSecond) {
        synchronized (quotaLock) {
            quotaClock = clock;
            quotas.clear();
            quotas.putAll(perSecond);
            windows.clear();
        }
    }

    /** The most requests for {@code operation} (throttled ones included) seen in one second of the quota's clock. */
    long peakPerSecond(String operation) {
        synchronized (quotaLock) {
            long[] window = windows.get(operation);
            return window == null ? 0 : window[2];
        }
    }

    /** Starts the {@link #peakPerSecond} maxima again. */
    void resetPeaks() {
        Clock clock = quotaClock;
        long second = clock == null ? Long.MIN_VALUE : Math.floorDiv(clock.millis(), 1000);
        synchronized (quotaLock) {
            // The second now under way keeps what it has counted; an older window no longer counts.
            windows.values().forEach(window -> window[2] = window[0] == second ? window[1] : 0);
        }
    }

    /** Counts a request against its operation's window; false when it is over the quota. */
    private boolean admit(String operation) {
        Clock clock = quotaClock;
        if (clock == null) {
            return true;
        }
        long second = Math.floorDiv(clock.millis(), 1000);
        synchronized (quotaLock) {
            long[] window = windows.computeIfAbsent(operation, k -> new long[] {second, 0, 0});
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            window[1]++;
            window[2] = Math.max(window[2], window[1]);
            Integer quota = quotas.get(operation);
            return quota == null || window[1] <= quota;
        }
    }

    long requests() {
        return requests.get();
    }

    long failed() {
        return failed.get();
    }

    /** Requests that reached this proxy for {@code operation} (from {@code X-Amz-Target}), failed ones included. */
    long requests(String operation) {
        AtomicLong count = requestsByOperation.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Requests for {@code operation} answered with {@code ThrottlingException}. */
    long throttled(String operation) {
        AtomicLong count = throttledByOperation.get(operation);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            requestsByOperation
                    .computeIfAbsent(operation, k -> new AtomicLong())
                    .incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (outage) {
                failed.incrementAndGet();
                reply(exchange, 503, "ServiceUnavailable", "Service is unavailable");
                return;
            }
            if (!admit(operation) || (throttleHalf && parity.getAndIncrement() % 2 == 0)) {
                failed.incrementAndGet();
                throttledByOperation
                        .computeIfAbsent(operation, k -> new AtomicLong())
                        .incrementAndGet();
                reply(exchange, 400, "ThrottlingException", "Rate exceeded");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] answer =
                ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
