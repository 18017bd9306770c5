package io.eso4j.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * An in-JVM fake of AWS Secrets Manager, Systems Manager Parameter Store and STS that the real AWS SDK v2 clients
 * talk to over HTTP on a loopback port: stateful (secrets, versions, staging labels, tags, deletion; parameters,
 * versions, labels, SecureStrings under fake KMS keys), SigV4-checking, with fault, deny-rule and latency injection,
 * per-operation call counts and a request log.
 *
 * <pre>{@code
 * try (FakeAws fake = FakeAws.builder().fixture(Path.of("fixture.json")).start()) {
 *     fake.secrets().createSecret("db", "{\"password\":\"s3cr3t\"}");
 *     SecretsManagerClient client = fake.secretsManagerClient();
 *     client.getSecretValue(r -> r.secretId("db"));
 *     assertThat(fake.calls("GetSecretValue")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>All services share one endpoint ({@link #endpoint()}); point a client at it with {@code endpointOverride} or
 * the {@code AWS_ENDPOINT_URL} environment variable ({@link #environment()}). Requests must be signed with a key
 * pair the fake knows: the default pair ({@link #accessKeyId()}, {@link #secretAccessKey()}), pairs added with
 * {@link #addCredentials}, or temporary credentials its STS issued. The handed-out clients use the default pair.
 *
 * <p>Thread-safe. Lifecycle: {@link Builder#start()} binds the port and serves; {@link #close()} stops the server
 * and closes the clients it handed out. {@link #reset()} returns to the baseline (the state right after start, or
 * the last {@link #saveBaseline()}) and clears counters and the log.
 */
public final class FakeAws implements AutoCloseable {

    static {
        // The JDK's HttpServer leaves Nagle's algorithm on, so a small response waits for the client's delayed
        // ACK: about 40 ms per call on Linux. A fake that adds latency nobody asked for misleads every timing and
        // slows every test; the server reads this property once, when its first instance is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Builder options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CredentialStore credentials;
    private final SecretsEngine engine;
    private final Controls controls;
    private final SecretsManagerApi secretsManagerApi;
    private final FakeSecretsManager secrets;
    private final ParameterEngine parameterEngine;
    private final ParameterStoreApi parameterStoreApi;
    private final FakeParameterStore parameters;
    private final FakeCertificateManager certificates;
    private final FakeEcr ecr;
    private final FakeSts sts;
    private final FakeAwsHandler handler;
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> handedOut = new ArrayList<>();
    private SecretsManagerClient secretsManagerClient;
    private StsClient stsClient;
    private Baseline baseline;

    private record Baseline(
            SecretsEngine.Snapshot secrets,
            ParameterEngine.Snapshot parameters,
            Map<String, FakeCertificateManager.Certificate> certificates,
            FakeSts.Snapshot sts,
            CredentialStore.Snapshot credentials,
            Controls.Snapshot controls) {}

    private FakeAws(Builder options) throws IOException {
        this.options = options;
        this.credentials = new CredentialStore();
        credentials.addStatic(options.accessKeyId, options.secretAccessKey);
        this.engine = new SecretsEngine(options.clock, options.region, options.accountId);
        this.parameterEngine = new ParameterEngine(options.clock, options.region, options.accountId);
        // rules name secrets and parameters alike; a name may be given in another form (ARN, selector)
        this.controls = new Controls(
                id -> {
                    String secret = engine.resolveName(id);
                    return secret != null ? secret : parameterEngine.resolveName(id);
                },
                options.latency);
        this.secretsManagerApi = new SecretsManagerApi(json, engine, controls, options.accountId);
        this.secrets = new FakeSecretsManager(engine);
        this.sts = new FakeSts(options.clock, options.accountId, credentials);
        this.parameterStoreApi = new ParameterStoreApi(json, parameterEngine, controls, sts::callerArn);
        this.parameters = new FakeParameterStore(parameterEngine);
        this.certificates = new FakeCertificateManager(options.clock, options.region, options.accountId);
        this.ecr = new FakeEcr(options.clock, options.region, options.accountId);
        Set<String> regions = new LinkedHashSet<>();
        regions.add(options.region);
        regions.addAll(options.otherRegions);
        this.handler = new FakeAwsHandler(
                json,
                options.clock,
                regions,
                options.verifySignatures,
                credentials,
                controls,
                secretsManagerApi,
                parameterStoreApi,
                new CertificateManagerApi(json, certificates),
                new EcrApi(json, ecr),
                sts);
        for (FixtureSource source : options.fixtures) {
            apply(source.load(json));
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.handlerThreads, runnable -> {
            Thread thread = new Thread(runnable, "eso4j-fake-aws-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host), options.port), 0);
        server.createContext("/", handler);
        server.setExecutor(executor);
    }

    /** A builder with the defaults documented on its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a fake with every default: random loopback port, us-east-1, account 123456789012. */
    public static FakeAws start() {
        return builder().start();
    }

    // ---- connection ----

    /** The endpoint all services answer on, e.g. {@code http://127.0.0.1:54321}. */
    public URI endpoint() {
        return URI.create("http://" + options.host + ":" + port());
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The region the fake signs for and puts in ARNs (see also {@link Builder#otherRegions}). */
    public Region region() {
        return Region.of(options.region);
    }

    /** The account id in ARNs. */
    public String accountId() {
        return options.accountId;
    }

    /** The clock the fake reads for dates, expirations and signature checks. */
    public Clock clock() {
        return options.clock;
    }

    /** The default access key id, accepted for every call. */
    public String accessKeyId() {
        return options.accessKeyId;
    }

    /** The default secret access key. */
    public String secretAccessKey() {
        return options.secretAccessKey;
    }

    /** Static credentials of the default pair. */
    public AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(options.accessKeyId, options.secretAccessKey));
    }

    /**
     * The environment that points an SDK-based process at this fake: {@code AWS_ENDPOINT_URL}, {@code AWS_REGION},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} (the default pair).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_REGION", options.region);
        env.put("AWS_ACCESS_KEY_ID", options.accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", options.secretAccessKey);
        return env;
    }

    /**
     * A Secrets Manager client builder already pointed at the fake (endpoint, region, default credentials,
     * UrlConnectionHttpClient); customise and build it yourself, and close what you build.
     */
    public SecretsManagerClientBuilder secretsManagerClientBuilder() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** An STS client builder already pointed at the fake, like {@link #secretsManagerClientBuilder()}. */
    public StsClientBuilder stsClientBuilder() {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** A shared Secrets Manager client with the SDK's default retries; closed by {@link #close()}. */
    public synchronized SecretsManagerClient secretsManagerClient() {
        if (secretsManagerClient == null) {
            secretsManagerClient = secretsManagerClientBuilder().build();
            handedOut.add(secretsManagerClient);
        }
        return secretsManagerClient;
    }

    /** A shared STS client with the SDK's default retries; closed by {@link #close()}. */
    public synchronized StsClient stsClient() {
        if (stsClient == null) {
            stsClient = stsClientBuilder().build();
            handedOut.add(stsClient);
        }
        return stsClient;
    }

    // ---- state ----

    /** The Secrets Manager state, for arranging and inspecting secrets directly. */
    public FakeSecretsManager secrets() {
        return secrets;
    }

    /**
     * The Parameter Store state, for arranging and inspecting parameters and fake KMS keys directly. Clients reach
     * it with an {@code SsmClient} pointed at {@link #endpoint()} (the SDK's {@code ssm} module is not a dependency
     * of the testkit; see the module README).
     */
    public FakeParameterStore parameters() {
        return parameters;
    }

    /**
     * The Certificate Manager state, for arranging certificates directly. Clients reach it with an {@code AcmClient}
     * pointed at {@link #endpoint()} (the SDK's {@code acm} module is not a dependency of the testkit).
     */
    public FakeCertificateManager certificates() {
        return certificates;
    }

    /**
     * The Elastic Container Registry state: the authorization tokens {@code GetAuthorizationToken} handed out (an
     * {@code EcrClient} pointed at {@link #endpoint()} reaches it; the SDK's {@code ecr} module is not a dependency of
     * the testkit).
     */
    public FakeEcr ecr() {
        return ecr;
    }

    /** The STS registrations (tokens, assumable roles) and the sessions it issued. */
    public FakeSts sts() {
        return sts;
    }

    /**
     * Accepts another static key pair for signing.
     *
     * @return this
     */
    public FakeAws addCredentials(String accessKeyId, String secretAccessKey) {
        credentials.addStatic(
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
        return this;
    }

    /**
     * Accepts temporary credentials obtained elsewhere (a key pair with its session token, as a store's
     * {@code auth.secretRef} with {@code sessionTokenSecretRef} holds them) until {@code expiration} on the fake's
     * clock. Part of the baseline.
     *
     * @return this
     */
    public FakeAws addSessionCredentials(
            String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        credentials.addSession(
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"),
                Objects.requireNonNull(sessionToken, "sessionToken"),
                Objects.requireNonNull(expiration, "expiration"));
        return this;
    }

    /**
     * Stops accepting a static key pair, as AWS does for a deleted or deactivated access key: requests signed with
     * it get {@code UnrecognizedClientException} (STS: {@code InvalidClientTokenId}). For key rotation tests.
     *
     * @return this
     */
    public FakeAws removeCredentials(String accessKeyId) {
        credentials.removeStatic(Objects.requireNonNull(accessKeyId, "accessKeyId"));
        return this;
    }

    /**
     * Loads a fixture file (a JSON object with a {@code remote} array of secrets and/or a {@code parameters} array;
     * see the module README).
     * Its {@code inject} becomes an always-on {@link Fault#INTERNAL_ERROR} rule with the given message, and
     * {@code mockedApiResponse: true} turns off filtering in ListSecrets and filter-based batch calls.
     *
     * @return this
     */
    public FakeAws loadFixture(Path file) {
        apply(Fixture.read(json, file, null));
        return this;
    }

    /**
     * Loads one vector of a file holding an array of them (such as the conformance vectors), by its {@code id}.
     *
     * @return this
     */
    public FakeAws loadFixture(Path file, String vectorId) {
        apply(Fixture.read(json, file, Objects.requireNonNull(vectorId, "vectorId")));
        return this;
    }

    /**
     * Loads a fixture given as JSON text.
     *
     * @return this
     */
    public FakeAws loadFixtureJson(String fixtureJson) {
        try {
            apply(Fixture.parse(json.readTree(fixtureJson), null, "<json>"));
        } catch (IOException e) {
            throw new IllegalArgumentException("fixture is not valid JSON", e);
        }
        return this;
    }

    private void apply(Fixture fixture) {
        engine.seed(fixture.remote());
        parameterEngine.seed(fixture.parameters());
        fixture.certificates()
                .forEach(c -> certificates.put(c.arn(), c.certificate(), c.chain(), c.privateKey(), c.export()));
        if (!fixture.injectOperations().isEmpty()) {
            controls.inject(FaultRule.of(Fault.INTERNAL_ERROR)
                    .onOperations(fixture.injectOperations().toArray(String[]::new))
                    .withMessage(fixture.injectError()));
        }
        if (fixture.mocked()) {
            engine.unfilteredListing(true);
        }
    }

    // ---- faults ----

    /**
     * Adds a fault rule; the first matching rule (in the order added) fails a call.
     *
     * @return this
     */
    public FakeAws inject(FaultRule rule) {
        controls.inject(rule);
        return this;
    }

    /**
     * Adds a deny rule.
     *
     * @return this
     */
    public FakeAws deny(DenyRule rule) {
        controls.deny(rule);
        return this;
    }

    /** Removes every fault and deny rule. */
    public void clearFaults() {
        controls.clearFaultsAndDenies();
    }

    /**
     * Sets the latency added before answering every call (server side; the caller's thread is not blocked).
     *
     * @return this
     */
    public FakeAws latency(Duration latency) {
        controls.latency(latency);
        return this;
    }

    /**
     * Sets the latency for one operation, overriding the general one.
     *
     * @return this
     */
    public FakeAws latency(String operation, Duration latency) {
        controls.latency(operation, latency);
        return this;
    }

    // ---- observation ----

    /** How many requests named {@code operation} reached the fake (including failed and retried ones). */
    public int calls(String operation) {
        return handler.calls(operation);
    }

    /** How many requests reached the fake. */
    public int totalCalls() {
        return handler.totalCalls();
    }

    /** The requests received, oldest first (no secret values, keys or tokens). */
    public List<RecordedRequest> requests() {
        return handler.requests();
    }

    /** Clears the call counts and the request log only. */
    public void clearRequests() {
        handler.clearObservations();
    }

    /**
     * Makes the current secrets, parameters, KMS keys, STS registrations, credentials and rules the state {@link
     * #reset()} returns to.
     */
    public synchronized void saveBaseline() {
        baseline = new Baseline(
                engine.snapshot(),
                parameterEngine.snapshot(),
                certificates.snapshot(),
                sts.snapshot(),
                credentials.snapshot(),
                controls.snapshot());
    }

    /**
     * Returns to the baseline: secrets, parameters and KMS keys, STS registrations, static credentials, fault/deny
     * rules and latency as they were right after start (or at the last {@link #saveBaseline()}); issued sessions,
     * call counts, the request log and paging tokens are cleared.
     */
    public synchronized void reset() {
        engine.restore(baseline.secrets());
        parameterEngine.restore(baseline.parameters());
        certificates.restore(baseline.certificates());
        ecr.clear();
        sts.restore(baseline.sts());
        credentials.restore(baseline.credentials());
        controls.restore(baseline.controls());
        secretsManagerApi.clearNextTokens();
        parameterStoreApi.clearNextTokens();
        handler.clearObservations();
    }

    /** Stops the server and closes the clients handed out. Idempotent. */
    @Override
    public synchronized void close() {
        for (AutoCloseable client : handedOut) {
            try {
                client.close();
            } catch (Exception e) {
                // closing a client is best effort; the server still has to stop
            }
        }
        handedOut.clear();
        secretsManagerClient = null;
        stsClient = null;
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeAws[" + endpoint() + ", region=" + options.region + "]";
    }

    private FakeAws started() {
        // The JDK server's dispatcher thread inherits the daemon flag of the thread that starts the server. Started
        // from a daemon thread, a fake that is never closed (an Error between start and close, say) cannot keep the
        // JVM alive after main ends; the standalone server and fake-aws wait on their own lifetime instead.
        Thread starter = new Thread(server::start, "eso4j-fake-aws-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new IllegalStateException("interrupted while starting the fake AWS server", e);
        }
        saveBaseline();
        return this;
    }

    private record FixtureSource(Path file, String vectorId, String jsonText) {
        Fixture load(ObjectMapper json) {
            if (file != null) {
                return Fixture.read(json, file, vectorId);
            }
            try {
                return Fixture.parse(json.readTree(jsonText), null, "<json>");
            } catch (IOException e) {
                throw new IllegalArgumentException("fixture is not valid JSON", e);
            }
        }
    }

    /**
     * Options for a {@link FakeAws}; mutable, not thread-safe. Every option has a default, so
     * {@code FakeAws.builder().start()} works.
     */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private String region = "us-east-1";
        private final Set<String> otherRegions = new LinkedHashSet<>();
        private String accountId = "123456789012";
        private Clock clock = Clock.systemUTC();
        private Duration latency = Duration.ZERO;
        private String accessKeyId = "AKIAESO4JTESTKIT0001";
        private String secretAccessKey = "eso4jTestkitDefaultSecretAccessKey000000";
        private boolean verifySignatures = true;
        private int handlerThreads = 8;
        private final List<FixtureSource> fixtures = new ArrayList<>();

        private Builder() {}

        /** The port to bind on 127.0.0.1. Default 0: a free port chosen by the OS. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to bind. Default {@code 127.0.0.1} (loopback only); {@code 0.0.0.0} exposes the fake to the
         * network, which only the standalone server should want.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The region requests must be signed for and ARNs carry. Default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Further regions a request's signature may be scoped to, so one fake serves clients of several regions (as
         * {@code eso4j render --fixture} does for stores in different regions). ARNs still carry {@link #region}.
         * Default: none.
         */
        public Builder otherRegions(String... regions) {
            Arrays.stream(regions).map(r -> Objects.requireNonNull(r, "region")).forEach(otherRegions::add);
            return this;
        }

        /** The account id in ARNs. Default {@code 123456789012}. */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /**
         * The clock for created/changed dates, STS expirations and the 15-minute signature-date window. Default
         * {@link Clock#systemUTC()}; pass a mutable clock to test expiry without waiting.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Latency added before answering each call, on the server's thread. Default zero. */
        public Builder latency(Duration latency) {
            if (latency == null || latency.isNegative()) {
                throw new IllegalArgumentException("latency must be zero or positive");
            }
            this.latency = latency;
            return this;
        }

        /**
         * The default key pair, used by the handed-out clients. Default {@code AKIAESO4JTESTKIT0001} with a fixed
         * secret key (see {@link FakeAws#secretAccessKey()}).
         */
        public Builder defaultCredentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /** Whether to check SigV4 signatures and credentials. Default true. */
        public Builder verifySignatures(boolean verifySignatures) {
            this.verifySignatures = verifySignatures;
            return this;
        }

        /** Threads serving requests (latency holds one each). Default 8. */
        public Builder handlerThreads(int handlerThreads) {
            if (handlerThreads < 1) {
                throw new IllegalArgumentException("handlerThreads must be at least 1");
            }
            this.handlerThreads = handlerThreads;
            return this;
        }

        /** A fixture file to load at start (part of the baseline). May be given several times. */
        public Builder fixture(Path file) {
            fixtures.add(new FixtureSource(Objects.requireNonNull(file, "file"), null, null));
            return this;
        }

        /** One vector (by id) of a file holding an array of them, to load at start. */
        public Builder fixture(Path file, String vectorId) {
            fixtures.add(new FixtureSource(
                    Objects.requireNonNull(file, "file"), Objects.requireNonNull(vectorId, "vectorId"), null));
            return this;
        }

        /** A fixture as JSON text, to load at start. */
        public Builder fixtureJson(String fixtureJson) {
            fixtures.add(new FixtureSource(null, null, Objects.requireNonNull(fixtureJson, "fixtureJson")));
            return this;
        }

        /**
         * Creates the fake, loads the fixtures, binds the port and starts serving.
         *
         * @throws UncheckedIOException if the port cannot be bound or a fixture file cannot be read
         */
        public FakeAws start() {
            try {
                return new FakeAws(copy()).started();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake AWS server on " + host + ":" + port, e);
            }
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.host = host;
            copy.port = port;
            copy.region = region;
            copy.otherRegions.addAll(otherRegions);
            copy.accountId = accountId;
            copy.clock = clock;
            copy.latency = latency;
            copy.accessKeyId = accessKeyId;
            copy.secretAccessKey = secretAccessKey;
            copy.verifySignatures = verifySignatures;
            copy.handlerThreads = handlerThreads;
            copy.fixtures.addAll(fixtures);
            return copy;
        }
    }
}
