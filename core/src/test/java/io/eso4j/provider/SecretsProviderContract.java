package io.eso4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.TransientAwsException;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SecretsProvider} must pass; a subclass per implementation supplies the provider and a
 * way to create remote secrets in its (fake) service, reached through the real SDK. Expected behaviour is ESO's
 * provider contract (fetch by key and version, NoSecretErr for a missing key, find by name and tags, metadata).
 */
public abstract class SecretsProviderContract {

    /** The provider under test, against a fresh (empty) fake service. */
    protected abstract SecretsProvider provider();

    /** Creates (or replaces) secret {@code name} with {@code value} and {@code tags} in the fake service. */
    protected abstract void create(String name, String value, Map<String, String> tags);

    /** How many requests the fake service has answered so far. */
    protected abstract int calls();

    /** The fake AWS behind the provider, for fault injection. */
    protected abstract FakeAws aws();

    /**
     * A provider over a client whose SDK retries are off (one attempt), so that an injected fault reaches the
     * provider's classification.
     */
    protected abstract SecretsProvider providerWithoutRetries();

    /** The remote key of the secret created as {@code name} (an ARN for a service keyed by ARN). Default: the name. */
    protected String key(String name) {
        return name;
    }

    /** The value the provider reads for a secret created with {@code stored}. Default: {@code stored}. */
    protected String value(String stored) {
        return stored;
    }

    /** How many requests a first read of one secret makes. Default: one. */
    protected int callsPerRead() {
        return 1;
    }

    @Test
    void aChangedValueGetsANewVersionIdAndAnUnchangedOneKeepsIt() {
        create("/contract/rotating", "one", Map.of());
        SecretsProvider provider = provider();
        SecretVersionRef ref = SecretVersionRef.current(key("/contract/rotating"));
        String first = provider.getValues(List.of(ref)).get(ref).versionId();
        String again = provider.getValues(List.of(ref)).get(ref).versionId();

        create("/contract/rotating", "two", Map.of());
        SecretValue changed = provider.getValues(List.of(ref)).get(ref);

        assertThat(again).isEqualTo(first);
        assertThat(changed.versionId()).isNotEqualTo(first);
        assertThat(changed.string()).isEqualTo(value("two"));
    }

    @Test
    void throttlingIsATransientFailureNamingTheSecretWithoutItsValue() {
        create("/contract/throttled", "S3NTINEL-contract", Map.of());
        aws().inject(FaultRule.of(Fault.THROTTLING));
        try {
            FetchResult result =
                    providerWithoutRetries().getValues(List.of(SecretVersionRef.current(key("/contract/throttled"))));

            assertThat(result.failure(SecretVersionRef.current(key("/contract/throttled"))))
                    .get()
                    .isInstanceOf(TransientAwsException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .contains(key("/contract/throttled"))
                            .doesNotContain("S3NTINEL"));
        } finally {
            aws().clearFaults();
        }
    }

    @Test
    void fetchesTheCurrentValueOfEachRef() {
        create("/contract/a", "{\"user\":\"a\"}", Map.of());
        create("/contract/b", "plain-b", Map.of());

        FetchResult result = provider()
                .getValues(List.of(
                        SecretVersionRef.current(key("/contract/a")), SecretVersionRef.current(key("/contract/b"))));

        assertThat(result.failures()).isEmpty();
        assertThat(result.get(SecretVersionRef.current(key("/contract/a"))).string())
                .isEqualTo(value("{\"user\":\"a\"}"));
        assertThat(result.get(SecretVersionRef.current(key("/contract/b"))).string())
                .isEqualTo(value("plain-b"));
        assertThat(result.get(SecretVersionRef.current(key("/contract/b"))).versionId())
                .isNotEmpty();
    }

    @Test
    void aMissingSecretIsRecordedAsNotFoundAndDoesNotFailTheOthers() {
        create("/contract/present", "x", Map.of());

        FetchResult result = provider()
                .getValues(List.of(
                        SecretVersionRef.current(key("/contract/present")),
                        SecretVersionRef.current(key("/contract/absent"))));

        assertThat(result.values()).containsOnlyKeys(SecretVersionRef.current(key("/contract/present")));
        assertThat(result.failure(SecretVersionRef.current(key("/contract/absent"))))
                .get()
                .isInstanceOf(SecretNotFoundException.class);
    }

    @Test
    void aRefAskedTwiceIsAnsweredOnce() {
        create("/contract/dup", "d", Map.of());
        SecretsProvider provider = provider();
        int before = calls();

        FetchResult result = provider.getValues(List.of(
                SecretVersionRef.current(key("/contract/dup")), SecretVersionRef.current(key("/contract/dup"))));

        assertThat(result.values()).hasSize(1);
        assertThat(calls() - before).isEqualTo(callsPerRead());
    }

    @Test
    protected void findsByNameAndByTags() {
        create("/contract/find/one", "1", Map.of("team", "a"));
        create("/contract/find/two", "2", Map.of("team", "b"));
        create("/other/three", "3", Map.of("team", "a"));

        Map<String, SecretValue> byName =
                provider().find(new FindQuery("", Map.of(), name -> name.startsWith("/contract/find/")));
        Map<String, SecretValue> byTag = provider().find(new FindQuery("", Map.of("team", "a"), null));

        assertThat(byName).containsOnlyKeys("/contract/find/one", "/contract/find/two");
        assertThat(new String(
                        byName.get("/contract/find/two").string().getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8))
                .isEqualTo("2");
        assertThat(new ArrayList<>(byTag.keySet())).containsExactlyInAnyOrder("/contract/find/one", "/other/three");
    }

    @Test
    protected void readsTagsAsMetadataAndReportsAMissingSecret() {
        create("/contract/tagged", "t", Map.of("env", "prod", "team", "a"));

        assertThat(provider().getTags("/contract/tagged"))
                .containsOnly(Map.entry("env", "prod"), Map.entry("team", "a"));
        // Secrets Manager: not found; Parameter Store: ESO's "error listing tags" (ESO does not treat it as
        // NoSecretErr)
        assertThatThrownBy(() -> provider().getTags("/contract/none"))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("/contract/none");
    }
}
