package io.eso4j.testkit;

import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * JUnit Jupiter extension running a {@link FakeAws} on a random loopback port, for a {@code @RegisterExtension}
 * field.
 *
 * <ul>
 *   <li><b>static field:</b> one server for the whole class (and its {@code @Nested} classes). Before each test the
 *       fake is {@link FakeAws#reset() reset}: secrets, STS registrations and rules return to the baseline (what the
 *       builder's fixtures set up, or what a {@code @BeforeAll} saved with {@link FakeAws#saveBaseline()}), and
 *       call counts and the request log start from zero.
 *   <li><b>instance field:</b> a fresh server per test, stopped after it.
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeAwsExtension AWS = new FakeAwsExtension(FakeAws.builder().fixture(Path.of("fixture.json")));
 *
 * @Test
 * void readsTheSecret() {
 *     AWS.secrets().createSecret("db", "{\"password\":\"s3cr3t\"}");
 *     assertThat(AWS.secretsManagerClient().getSecretValue(r -> r.secretId("db")).secretString()).contains("s3cr3t");
 * }
 * }</pre>
 *
 * Not for concurrent test execution within one class when static (tests would share and reset one fake).
 */
public final class FakeAwsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final FakeAws.Builder builder;
    private FakeAws fake;
    private int classDepth;

    /** An extension with the fake's defaults. */
    public FakeAwsExtension() {
        this(FakeAws.builder());
    }

    /** An extension starting fakes from this builder (its port should stay 0 unless tests never overlap). */
    public FakeAwsExtension(FakeAws.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            fake = builder.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0 && fake != null) {
            fake.close();
            fake = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (classDepth > 0) {
            fake.reset();
        } else {
            fake = builder.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (classDepth == 0 && fake != null) {
            fake.close();
            fake = null;
        }
    }

    /** The running fake (only while a test or class is running). */
    public FakeAws fake() {
        if (fake == null) {
            throw new IllegalStateException("the fake AWS server runs only while tests run");
        }
        return fake;
    }

    /** The fake's endpoint. */
    public URI endpoint() {
        return fake().endpoint();
    }

    /** A Secrets Manager client pointed at the fake (shared, closed with it). */
    public SecretsManagerClient secretsManagerClient() {
        return fake().secretsManagerClient();
    }

    /** An STS client pointed at the fake (shared, closed with it). */
    public StsClient stsClient() {
        return fake().stsClient();
    }

    /** The Secrets Manager state. */
    public FakeSecretsManager secrets() {
        return fake().secrets();
    }

    /** The Parameter Store state (parameters, versions, labels, fake KMS keys). */
    public FakeParameterStore parameters() {
        return fake().parameters();
    }

    /** The STS registrations and sessions. */
    public FakeSts sts() {
        return fake().sts();
    }

    /** The default access key id. */
    public String accessKeyId() {
        return fake().accessKeyId();
    }

    /** The default secret access key. */
    public String secretAccessKey() {
        return fake().secretAccessKey();
    }
}
