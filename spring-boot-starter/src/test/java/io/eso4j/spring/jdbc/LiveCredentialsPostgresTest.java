package io.eso4j.spring.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.eso4j.ExternalSecrets;
import io.eso4j.spring.ExternalSecretChangedEvent;
import io.eso4j.testkit.FakeAws;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A Boot application whose {@code spring.datasource.username/password} are placeholders for the keys of an
 * ExternalSecret read from the testkit's fake AWS, with HikariCP against a real PostgreSQL (zonky's embedded server
 * binaries, password authentication), while request threads run queries through the pool the whole time. Rotations
 * are done as AWS's rotation Lambda does them: alternating users (the other user gets a new password, then
 * {@code AWSCURRENT} moves to it) and single user (the password changes in the database first).
 */
@Tag("postgres")
@ExtendWith(OutputCaptureExtension.class)
class LiveCredentialsPostgresTest {

    private static final int THREADS = 6;

    private static EmbeddedPostgres postgres;
    private static FakeAws aws;

    private ConfigurableApplicationContext app;
    private HikariDataSource pool;
    private CredentialRotator rotator;
    private ExternalSecrets secrets;
    private Load load;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                // The superuser keeps trust for the test's own statements; the application's users need passwords.
                .setDataDirectoryCustomizer(
                        dir -> write(dir.toPath().resolve("pg_hba.conf").toFile(), """
                        local all postgres trust
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        """))
                .start();
        aws = FakeAws.start();
    }

    @AfterAll
    static void stop() throws IOException {
        aws.close();
        postgres.close();
    }

    @BeforeEach
    void users() throws SQLException {
        admin("create role app_a login password 's3cr3t-a-1'", "create role app_b login password 's3cr3t-b-0'");
        aws.secrets().createSecret("app/pg", "{\"username\":\"app_a\",\"password\":\"s3cr3t-a-1\"}");
    }

    private void boot(String... more) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : List.of(
                "--spring.config.import=eso:classpath:eso/store.yaml;classpath:eso/pg.yaml",
                "--eso4j.endpoint=" + aws.endpoint(),
                "--eso4j.secret-keys.[aws-creds/id]=" + aws.accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + aws.secretAccessKey(),
                "--spring.datasource.url="
                        + postgres.getJdbcUrl("postgres", "postgres").replaceAll("\\?.*", ""),
                "--spring.datasource.username=${db-user}",
                "--spring.datasource.password=${db-pass}",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.connection-timeout=10000")) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        for (String arg : more) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(args.values().toArray(String[]::new));
        pool = app.getBean(HikariDataSource.class);
        rotator = app.getBeanProvider(CredentialRotator.class).getIfAvailable();
        secrets = app.getBean(ExternalSecrets.class);
        load = new Load(pool, "app_a", () -> rotator == null ? 0 : rotator.rotations());
    }

    @AfterEach
    void close(CapturedOutput output) throws SQLException {
        if (load != null) {
            load.stop();
        }
        if (app != null) {
            app.close();
        }
        if (rotator != null && rotator.rotations() > 0) {
            // The capture sees the rotator's own log lines, so it would see a credential in them.
            assertThat(output.getAll()).contains("new connections use the changed credentials");
        }
        assertThat(output.getAll()).as("no credential in the logs").doesNotContain("s3cr3t");
        aws.reset();
        admin("drop role app_a", "drop role app_b");
    }

    @Test
    void alternatingUsersRotationsSwitchThePoolWithNoFailedQuery() throws Exception {
        boot();
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > 50);
        String[] users = {"app_b", "app_a", "app_b", "app_a"};
        List<String> report = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            String next = users[i];
            String previous = i == 0 ? "app_a" : users[i - 1];
            String password = "s3cr3t-" + next.substring(4) + "-" + (i + 2);
            int callsBefore = aws.totalCalls();
            long queriesBefore = load.queries.get();
            // No expectation while the switch is under way: the rotator's counter moves only after the pool already
            // opens connections as the new user, so a counter check alone races with quick queries.
            load.rotating();
            // The rotation Lambda: createSecret (AWSPENDING), setSecret (the other user's new password), finishSecret.
            String pending = aws.secrets()
                    .putSecretValue(
                            "app/pg",
                            "{\"username\":\"" + next + "\",\"password\":\"" + password + "\"}",
                            "AWSPENDING");
            admin("alter role " + next + " password '" + password + "'");
            aws.secrets().moveStage("app/pg", "AWSCURRENT", pending);

            long started = System.nanoTime();
            secrets.refreshNow().get(10, TimeUnit.SECONDS);
            int rotation = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> rotator.rotations() >= rotation);
            await().atMost(Duration.ofSeconds(10)).until(() -> backends(previous) == 0 && backends(next) > 0);
            long convergedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // From convergence on (no connection of the old user left), every query must run as the new user.
            load.expect(next);
            await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > queriesBefore + 50);

            assertThat(pool.getUsername()).isEqualTo(next);
            assertThat(aws.totalCalls() - callsBefore)
                    .as("AWS calls of rotation " + rotation)
                    .isEqualTo(1);
            report.add(previous + "->" + next + " converged in " + convergedMs + " ms");
        }
        load.stop();

        System.out.println("alternating users: " + load.queries.get() + " queries, " + load.failures.size()
                + " failed, " + load.wrongUser.get() + " on old credentials after a rotation, " + report);
        assertThat(load.failures).isEmpty();
        assertThat(load.wrongUser.get()).isZero();
        assertThat(rotator.forcedRefreshes()).isZero();
    }

    @Test
    void singleUserRotationRefreshesOnceOnTheAuthenticationFailureWithNoFailedQuery() throws Exception {
        // Two rotations in a few seconds: no minimum interval between forced refreshes (CredentialRotatorTest and the
        // wrong-password test below hold the bound).
        boot("--eso4j.datasource.live-credentials.min-forced-refresh-interval=0s");
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > 50);
        List<String> report = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String password = "s3cr3t-single-" + i;
            int callsBefore = aws.totalCalls();
            long queriesBefore = load.queries.get();
            // No expectation while the switch is under way: the rotator's counter moves only after the pool already
            // opens connections as the new user, so a counter check alone races with quick queries.
            load.rotating();
            long started = System.nanoTime();
            String pending = aws.secrets()
                    .putSecretValue(
                            "app/pg", "{\"username\":\"app_a\",\"password\":\"" + password + "\"}", "AWSPENDING");
            // setSecret: from here the pool's password opens no new connection.
            admin("alter role app_a password '" + password + "'");
            aws.secrets().moveStage("app/pg", "AWSCURRENT", pending);
            // No scheduled refresh comes: the pool's connections reach their end of life (as with maxLifetime).
            pool.getHikariPoolMXBean().softEvictConnections();

            int forced = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> rotator.forcedRefreshes() >= forced);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> password.equals(pool.getPassword())
                            && pool.getHikariPoolMXBean().getTotalConnections() == 4);
            long convergedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > queriesBefore + 50);
            assertThat(aws.totalCalls() - callsBefore)
                    .as("AWS calls of rotation " + forced)
                    .isEqualTo(1);
            report.add("converged in " + convergedMs + " ms");
        }
        load.stop();

        System.out.println("single user: " + load.queries.get() + " queries, " + load.failures.size() + " failed, "
                + rotator.forcedRefreshes() + " forced refreshes, " + report);
        assertThat(load.failures).isEmpty();
        assertThat(rotator.forcedRefreshes()).isEqualTo(2);
    }

    @Test
    void singleUserRotationBeforeFinishSecretMovesThePoolToAwsPendingWithNoFailedQuery() throws Exception {
        boot("--eso4j.datasource.live-credentials.min-forced-refresh-interval=0s");
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > 50);
        List<String> report = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String password = "s3cr3t-pending-" + i;
            long queriesBefore = load.queries.get();
            load.rotating();
            long started = System.nanoTime();
            // createSecret (AWSPENDING), then setSecret: from here only AWSPENDING's password opens a connection.
            String pending = aws.secrets()
                    .putSecretValue(
                            "app/pg", "{\"username\":\"app_a\",\"password\":\"" + password + "\"}", "AWSPENDING");
            admin("alter role app_a password '" + password + "'");
            int callsBefore = aws.totalCalls();
            // testSecret has not finished: AWSCURRENT still has the old password while connections reach their end.
            pool.getHikariPoolMXBean().softEvictConnections();

            int adopted = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> rotator.pendingAdoptions() >= adopted);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> password.equals(pool.getPassword())
                            && pool.getHikariPoolMXBean().getTotalConnections() == 4);
            long convergedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            int windowCalls = aws.totalCalls() - callsBefore;
            await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > queriesBefore + 50);

            // finishSecret, and the refresh that sees it: the pool already has these credentials.
            int rotationsBefore = rotator.rotations();
            aws.secrets().moveStage("app/pg", "AWSCURRENT", pending);
            secrets.refreshNow().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> password.equals(app.getEnvironment().getProperty("spring.datasource.password")));
            load.expect("app_a");
            await().atMost(Duration.ofSeconds(10)).until(() -> load.queries.get() > queriesBefore + 100);
            assertThat(rotator.rotations()).isEqualTo(rotationsBefore);
            assertThat(pool.getPassword()).isEqualTo(password);
            // One forced refresh (AWSCURRENT unchanged) and one read of AWSPENDING.
            assertThat(windowCalls)
                    .as("AWS calls before finishSecret, rotation " + adopted)
                    .isEqualTo(2);
            report.add("converged in " + convergedMs + " ms with " + windowCalls + " AWS calls");
        }
        load.stop();

        System.out.println("single user, AWSPENDING: " + load.queries.get() + " queries, " + load.failures.size()
                + " failed, " + rotator.forcedRefreshes() + " forced refreshes, " + rotator.pendingReads()
                + " AWSPENDING reads, " + report);
        assertThat(load.failures).isEmpty();
        assertThat(rotator.pendingAdoptions()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordInAwsForcesOneRefreshHoweverManyConnectionsFail() throws Exception {
        // One connection at most: no connection being added by the pool can straddle the password change below.
        boot(
                "--spring.datasource.hikari.connection-timeout=250",
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.datasource.hikari.maximum-pool-size=1");
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        // The database and AWS disagree, and stay so: no credentials the pool can get will work.
        aws.secrets().putSecretValue("app/pg", "{\"username\":\"app_a\",\"password\":\"s3cr3t-wrong\"}");
        admin("alter role app_a password 's3cr3t-elsewhere'");
        int callsBefore = aws.totalCalls();
        pool.getHikariPoolMXBean().softEvictConnections();

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        }

        assertThat(rotator.forcedRefreshes()).isEqualTo(1);
        assertThat(aws.totalCalls() - callsBefore).isEqualTo(1);
        assertThat(pool.getPassword()).isEqualTo("s3cr3t-wrong");
        assertThat(pool.getDataSourceProperties())
                .as("the pool's own driver properties hold no password")
                .isEmpty();
    }

    @Test
    void anExcludedDataSourceKeepsTheCredentialsItStartedWith() throws Exception {
        boot("--eso4j.datasource.live-credentials.excluded-beans=dataSource");
        aws.secrets().rotate("app/pg", "{\"username\":\"app_b\",\"password\":\"s3cr3t-b-0\"}");
        secrets.refreshNow().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.getBean(Changes.class).count.get() == 1);

        assertThat(app.getEnvironment().getProperty("spring.datasource.username"))
                .isEqualTo("app_b");
        assertThat(pool.getUsername()).isEqualTo("app_a");
        assertThat(rotator.rotations()).isZero();
    }

    @Test
    void liveCredentialsOffLeaveEveryPoolAlone() throws Exception {
        boot("--eso4j.datasource.live-credentials.enabled=false");
        assertThat(rotator).isNull();
        assertThat(pool.getDataSource()).isNull();
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    private static int backends(String user) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select count(*) from pg_stat_activity where usename = '" + user + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void write(java.io.File file, String text) {
        try {
            Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Request threads running {@code select current_user} through the pool until stopped. */
    static final class Load {

        final AtomicLong queries = new AtomicLong();
        final AtomicLong wrongUser = new AtomicLong();
        final Set<String> failures = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicLong> byUser = new ConcurrentHashMap<>();
        private final DataSource dataSource;
        private final AtomicBoolean running = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private volatile Expectation expectation;

        private final IntSupplier rotations;

        record Expectation(String user, long after, int rotation) {}

        Load(DataSource dataSource, String user, IntSupplier rotations) {
            this.dataSource = dataSource;
            this.rotations = rotations;
            this.expectation = new Expectation(user, System.nanoTime(), rotations.getAsInt());
        }

        /** Checks nothing until the next {@link #expect}: a rotation is under way. */
        void rotating() {
            expectation = null;
        }

        /** From now on, every query started must run as {@code user}, the user of the last rotation applied. */
        void expect(String user) {
            expectation = new Expectation(user, System.nanoTime(), rotations.getAsInt());
        }

        void start() {
            running.set(true);
            for (int i = 0; i < THREADS; i++) {
                Thread thread = new Thread(this::run, "request-" + i);
                threads.add(thread);
                thread.start();
            }
        }

        void stop() {
            running.set(false);
            for (Thread thread : threads) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads.clear();
        }

        private void run() {
            while (running.get()) {
                long started = System.nanoTime();
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("select current_user")) {
                    rows.next();
                    String user = rows.getString(1);
                    queries.incrementAndGet();
                    byUser.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
                    // Read after the query: a query that started after the latest rotation must use its user.
                    // (Unless a newer rotation has been applied that the test has not yet turned into an expectation.)
                    Expectation expected = expectation;
                    if (expected != null
                            && started > expected.after()
                            && rotations.getAsInt() == expected.rotation()
                            && !user.equals(expected.user())) {
                        wrongUser.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failures.add(e.getClass().getSimpleName() + " " + e.getSQLState());
                }
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Changes changes() {
            return new Changes();
        }
    }

    /** Counts change events, after every other listener (the rotator included). */
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class Changes implements ApplicationListener<ExternalSecretChangedEvent> {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onApplicationEvent(ExternalSecretChangedEvent event) {
            count.incrementAndGet();
        }
    }
}
