package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretPropertiesTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    /** A resolved secret whose keys are {@code data}'s, through the real SDK against the fake. */
    private static ResolvedSecret secret(Map<String, String> data) {
        String secretId = "props/" + data.hashCode();
        AWS.fake().secrets().createSecret(secretId, JSON.valueToTree(data).toString());
        ShortForm shortForm = new ShortForm("us-east-1", "", false, false, Duration.ZERO);
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(Manifests.of(List.of(shortForm.store()), List.of(shortForm.externalSecret(secretId))))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .build()) {
            return secrets.get(ShortForm.name(secretId));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachKeyIsAPropertyBehindThePrefixAndJsonObjectsGiveTheirLeaves() {
        ResolvedSecret secret = secret(Map.of(
                "db", "{\"host\":\"h\",\"hosts\":[\"a\",\"b\"],\"nested\":{\"port\":5432},\"none\":null}",
                "plain", "text",
                "notJson", "{broken"));

        assertThat(SecretProperties.of(secret, "app.", true))
                .containsOnly(
                        entry(
                                "app.db",
                                "{\"host\":\"h\",\"hosts\":[\"a\",\"b\"],\"nested\":{\"port\":5432},\"none\":null}"),
                        entry("app.db.host", "h"),
                        entry("app.db.hosts[0]", "a"),
                        entry("app.db.hosts[1]", "b"),
                        entry("app.db.nested.port", "5432"),
                        entry("app.plain", "text"),
                        entry("app.notJson", "{broken"));
        assertThat(SecretProperties.of(secret, "", false)).containsOnlyKeys("db", "plain", "notJson");
        assertThat(SecretProperties.of(null, "", true)).isEmpty();
    }

    @Test
    void aChangedKeyNamesItsPropertyAndItsLeavesButNotALongerKey() {
        List<String> names = List.of("app.db", "app.db.host", "app.db.hosts[0]", "app.dbx", "app.other");

        assertThat(SecretProperties.namesOf("db", "app.", names))
                .containsExactly("app.db", "app.db.host", "app.db.hosts[0]");
        assertThat(SecretProperties.namesOf("gone", "app.", names)).containsExactly("app.gone");
    }
}
