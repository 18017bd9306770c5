package io.eso4j.examples.bootdemo;

import io.eso4j.ExternalSecrets;
import io.eso4j.spring.ExternalSecretsCustomizer;
import io.eso4j.testkit.FakeAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo without an AWS account: starts the testkit's fake AWS seeded from {@code examples/fixtures/db-credentials.json}
 * <em>before</em> the application, because {@code spring.config.import} resolves the secrets while the environment
 * is prepared. It points eso4j at the fake with two settings an application against AWS does not have: the default
 * property {@code eso4j.endpoint} and, through an {@link ExternalSecretsCustomizer} in the bootstrap context, the
 * fake's credentials (the SecretStore has no auth, so against AWS the SDK's default chain supplies them).
 *
 * <p>Not thread-safe; one demo per instance. {@link #close()} closes the application, then the fake.
 */
final class LocalDemo implements AutoCloseable {

    /** The rotated value the demo puts into the fake. Example data, not a real credential. */
    static final String ROTATED = "{\"db-user\":\"ops_admin\",\"db-pass\":\"n3w-r0tated-Passw0rd\","
            + "\"db-host\":\"db.example.internal\",\"db-port\":\"5432\"}";

    private static final Logger LOG = LoggerFactory.getLogger(LocalDemo.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeAws aws;
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private LocalDemo(FakeAws aws, ConfigurableApplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    /** Starts the fake AWS, then the application against it with {@code args}. */
    static LocalDemo start(String... args) {
        FakeAws aws = FakeAws.builder().fixtureJson(fixture()).start();
        try {
            LOG.info("fake AWS Secrets Manager on {}", aws.endpoint());
            SpringApplication application = new SpringApplication(BootDemoApplication.class);
            application.setDefaultProperties(
                    Map.of("eso4j.endpoint", aws.endpoint().toString()));
            ExternalSecretsCustomizer fakeCredentials =
                    builder -> builder.credentialsProvider(aws.credentialsProvider());
            application.addBootstrapRegistryInitializer(
                    registry -> registry.register(ExternalSecretsCustomizer.class, bootstrap -> fakeCredentials));
            ConfigurableApplicationContext context = application.run(args);
            context.registerShutdownHook();
            return new LocalDemo(aws, context);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /**
     * Shows {@code /demo} and health, rotates {@code DB-CREDENTIALS} in the fake to {@code newSecretString}, asks
     * eso4j to refresh now (instead of waiting for the ExternalSecret's 10-minute {@code refreshInterval}), waits for
     * the change event and shows {@code /demo} again.
     *
     * @return the new version id
     */
    String rotateAndShow(String newSecretString) throws InterruptedException {
        LOG.info("GET /actuator/health -> {}", get("/actuator/health"));
        LOG.info("GET /demo -> {}", get("/demo"));
        String version = aws.secrets().rotate(DemoController.REMOTE_SECRET, newSecretString);
        LOG.info("rotated {} in the fake AWS to version {}", DemoController.REMOTE_SECRET, version);
        context.getBean(ExternalSecrets.class).refreshNow().join();
        context.getBean(SecretsReport.class).awaitChange(WAIT);
        LOG.info("GET /demo -> {}", get("/demo"));
        LOG.info("the running application picked up version {} without a restart", version);
        return version;
    }

    /** Logs where the application serves; for runs that keep it serving. */
    void logServing() {
        LOG.info("serving on {} (/demo, /actuator/health); Ctrl-C stops it", baseUri());
    }

    /** The body of {@code GET path} on the running application. */
    String get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(baseUri().resolve(path)).timeout(WAIT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    FakeAws aws() {
        return aws;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    private URI baseUri() {
        return URI.create("http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static String fixture() {
        try (InputStream in = LocalDemo.class.getResourceAsStream("/fixtures/db-credentials.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/db-credentials.json is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixtures/db-credentials.json", e);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            aws.close();
        }
    }
}
