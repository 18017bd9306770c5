package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/**
 * One property source for all ExternalSecrets of an import item: the merged properties (the later ExternalSecret wins
 * a name both give), a refresh seen on the next read, the members kept as the per-ExternalSecret view, and a stage read
 * that replaces one member's properties only.
 */
class EsoImportPropertySourceTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private ExternalSecrets secrets;
    private EsoImportPropertySource item;

    @BeforeEach
    void resolve() throws IOException {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/api", "{\"token\":\"t0ken\",\"db-pass\":\"from-other\"}");
        Map<String, String> sources = new LinkedHashMap<>();
        for (String resource : List.of("eso/store.yaml", "eso/app.yaml", "eso/other.yaml")) {
            sources.put(resource, new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
        }
        secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse(sources))
                .endpointOverride(AWS.endpoint())
                .secretKeyResolver(SecretKeyResolver.fromMap(Map.of(
                        "aws-creds/id", AWS.fake().accessKeyId(),
                        "aws-creds/secret", AWS.fake().secretAccessKey())))
                .coalesceWindow(Duration.ZERO)
                .build();
        item = new EsoImportPropertySource(
                EsoImportPropertySource.name("classpath:eso/app.yaml"),
                List.of(
                        new ExternalSecretPropertySource(secrets, ExternalSecretId.of("", "app"), "", false),
                        new ExternalSecretPropertySource(secrets, ExternalSecretId.of("", "other"), "", false)));
    }

    @AfterEach
    void close() {
        secrets.close();
    }

    @Test
    void mergesTheMembersAndTheLaterOneWinsAName() {
        assertThat(item.getName()).isEqualTo("eso:classpath:eso/app.yaml");
        assertThat(item.getPropertyNames()).containsExactlyInAnyOrder("db-pass", "db", "token");
        assertThat(item.getProperty("db-pass")).isEqualTo("from-other");
        assertThat(item.getProperty("token")).isEqualTo("t0ken");
        assertThat(item.containsProperty("nope")).isFalse();
        assertThat(item.members())
                .extracting(ExternalSecretPropertySource::externalSecret)
                .containsExactly("app", "other");
        assertThat(item.members().get(0).getProperty("db-pass")).isEqualTo("s3cr3t");
    }

    @Test
    void aRefreshIsSeenOnTheNextReadAndTheMapIsNotRebuiltWithoutOne() throws Exception {
        Object before = secrets.stateToken();
        assertThat(item.getProperty("token")).isEqualTo("t0ken");
        secrets.refreshNow().get(10, TimeUnit.SECONDS); // nothing changed: the same published state
        assertThat(secrets.stateToken()).isSameAs(before);

        AWS.secrets().rotate("app/api", "{\"token\":\"n3w\"}");
        secrets.refreshNow().get(10, TimeUnit.SECONDS);

        assertThat(secrets.stateToken()).isNotSameAs(before);
        assertThat(item.getProperty("token")).isEqualTo("n3w");
        // other no longer gives db-pass: app's shows through
        assertThat(item.getProperty("db-pass")).isEqualTo("s3cr3t");
        // the names are listed once per published state, and a caller cannot change them
        java.util.Set<String> union = new java.util.HashSet<>();
        item.members().forEach(member -> union.addAll(java.util.List.of(member.getPropertyNames())));
        String[] names = item.getPropertyNames();
        assertThat(names).containsExactlyInAnyOrderElementsOf(union);
        names[0] = "changed-by-the-caller";
        assertThat(item.getPropertyNames()).doesNotContain("changed-by-the-caller");
    }

    @Test
    void perExternalSecretListsTheMembersOfImportSourcesAndSingleSources() {
        MutablePropertySources sources = new MutablePropertySources();
        ExternalSecretPropertySource single =
                new ExternalSecretPropertySource(secrets, ExternalSecretId.of("", "app"), "x.", false);
        sources.addLast(item);
        sources.addLast(single);
        assertThat(EsoImportPropertySource.perExternalSecret(sources))
                .containsExactly(item.members().get(0), item.members().get(1), single);
    }
}
