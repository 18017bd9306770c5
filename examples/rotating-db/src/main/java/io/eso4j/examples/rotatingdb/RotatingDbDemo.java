package io.eso4j.examples.rotatingdb;

import com.zaxxer.hikari.HikariDataSource;
import io.eso4j.ExternalSecrets;
import io.eso4j.spring.ExternalSecretsCustomizer;
import io.eso4j.testkit.FakeAws;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo: starts a PostgreSQL (zonky's embedded server binaries, password authentication) with the user {@code
 * app}, the testkit's fake AWS with the secret {@code app/db}, then {@link RotatingDbApplication} against both, and
 * runs a load generator ({@code --threads} HTTP clients calling {@code GET /orders} on the loopback address) for
 * {@code --duration} while it rotates the password {@code --rotations} times as AWS's single-user rotation Lambda
 * does: {@code createSecret} (new password under {@code AWSPENDING}), {@code setSecret} ({@code ALTER ROLE}: from
 * here the old password opens no connection), the pool's connections reaching their end of life (what Hikari's
 * {@code maxLifetime} does; here at once), {@code finishSecret} ({@code AWSCURRENT} moves), and the refresh that
 * sees it. Prints requests served and failed; passwords are random and never printed.
 *
 * <p>Arguments: {@code --duration=PT20S --rotations=3 --threads=4}. Not thread-safe; one run per call.
 */
public final class RotatingDbDemo {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingDbDemo.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What a run did. */
    public record Result(long served, long failed, int rotations, List<Long> convergedMillis) {}

    private RotatingDbDemo() {}

    /** Runs the demo; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Result result = run(args);
        System.exit(result.failed() == 0 ? 0 : 1);
    }

    /** Runs the demo with {@code args} and returns what it counted. */
    public static Result run(String... args) throws Exception {
        Duration duration = Duration.parse(option(args, "duration", "PT20S"));
        int rotations = Integer.parseInt(option(args, "rotations", "3"));
        int threads = Integer.parseInt(option(args, "threads", "4"));
        try (EmbeddedPostgres postgres = startPostgres();
                FakeAws aws = FakeAws.start()) {
            String password = newPassword();
            admin(
                    postgres,
                    "create role app login password '" + password + "'",
                    "create table orders (id int primary key)",
                    "insert into orders select generate_series(1, 42)",
                    "grant select on orders to app");
            aws.secrets().createSecret("app/db", json(password));
            try (ConfigurableApplicationContext app = startApplication(postgres, aws)) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
                LOG.info("serving on {}; load: {} clients calling GET /orders for {}", base, threads, duration);
                Load load = new Load(URI.create(base + "/orders"), threads);
                // One request first: Hikari starts its pool on the first connection, before any rotation.
                load.warmUp();
                load.start();
                List<Long> converged = new ArrayList<>();
                long deadline = System.nanoTime() + duration.toNanos();
                try {
                    for (int i = 1; i <= rotations; i++) {
                        // Spread the rotations over the run; each waits for the pool to take the new password.
                        long at = System.nanoTime() + (deadline - System.nanoTime()) / (rotations - i + 2);
                        load.awaitUntil(at);
                        converged.add(rotate(postgres, aws, app, i));
                    }
                    load.awaitUntil(deadline);
                } finally {
                    load.stop();
                }
                LOG.info(
                        "requests served: {}, failed: {}, password rotations: {}, pool converged in {} ms",
                        load.served.get(),
                        load.failed.get(),
                        rotations,
                        converged);
                return new Result(load.served.get(), load.failed.get(), rotations, List.copyOf(converged));
            }
        }
    }

    /** One single-user rotation as the Lambda does it; returns the milliseconds until the pool used the new password. */
    private static long rotate(EmbeddedPostgres postgres, FakeAws aws, ConfigurableApplicationContext app, int n)
            throws Exception {
        HikariDataSource pool = app.getBean(HikariDataSource.class);
        String password = newPassword();
        long started = System.nanoTime();
        String pending = aws.secrets().putSecretValue("app/db", json(password), "AWSPENDING");
        admin(postgres, "alter role app password '" + password + "'");
        if (pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!password.equals(pool.getPassword())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "rotation " + n + ": the pool did not take the new password in " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        long converged = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        aws.secrets().moveStage("app/db", "AWSCURRENT", pending);
        app.getBean(ExternalSecrets.class).refreshNow().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "rotation {}: password changed in the database, the pool moved to AWSPENDING's in {} ms; "
                        + "AWSCURRENT moved and refreshed",
                n,
                converged);
        return converged;
    }

    private static ConfigurableApplicationContext startApplication(EmbeddedPostgres postgres, FakeAws aws) {
        SpringApplication application = new SpringApplication(RotatingDbApplication.class);
        application.setDefaultProperties(Map.of(
                // Rotations come seconds apart here, never in production (days): no minimum time between two
                // refreshes forced by refused credentials. The default, 10 s, bounds what a wrong password costs.
                "eso4j.datasource.live-credentials.min-forced-refresh-interval",
                "0s",
                "eso4j.endpoint",
                aws.endpoint().toString(),
                "spring.datasource.url",
                postgres.getJdbcUrl("postgres", "postgres").replaceAll("\\?.*", "")));
        ExternalSecretsCustomizer fakeCredentials = builder -> builder.credentialsProvider(aws.credentialsProvider());
        application.addBootstrapRegistryInitializer(
                registry -> registry.register(ExternalSecretsCustomizer.class, bootstrap -> fakeCredentials));
        return application.run("--spring.main.banner-mode=off");
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                // The superuser (the demo's own statements) keeps trust; the application's user needs its password.
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), """
                                local all postgres trust
                                host all postgres 127.0.0.1/32 trust
                                host all postgres ::1/128 trust
                                host all all 127.0.0.1/32 scram-sha-256
                                host all all ::1/128 scram-sha-256
                                """, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
    }

    private static void admin(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String json(String password) {
        return "{\"username\":\"app\",\"password\":\"" + password + "\"}";
    }

    private static String newPassword() {
        return "pw-" + UUID.randomUUID();
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    /** HTTP clients calling one URI in a loop until stopped; bounded by the run's duration. */
    private static final class Load {

        final AtomicLong served = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final URI uri;
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(WAIT).build();

        Load(URI uri, int threads) {
            this.uri = uri;
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(this::run, "load-" + i);
                thread.setDaemon(true);
                this.threads.add(thread);
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void warmUp() throws IOException, InterruptedException {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
        }

        void awaitUntil(long nanoTime) throws InterruptedException {
            long left = nanoTime - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
            }
        }

        private void run() {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(WAIT).build();
            while (running.get()) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    (response.statusCode() == 200 ? served : failed).incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
