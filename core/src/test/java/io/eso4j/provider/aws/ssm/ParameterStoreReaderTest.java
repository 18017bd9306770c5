package io.eso4j.provider.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import io.eso4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Parameter Store reader through the real SDK {@link SsmClient} against the testkit's fake. Expected texts come
 * from ESO ({@code providers/v1/aws/parameterstore/parameterstore.go} and its tests); call counts are the point of
 * the batching.
 */
class ParameterStoreReaderTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static ExecutorService pool;
    private static SsmClient client;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(4);
        client = SsmClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(AWS.fake().region())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        pool.shutdownNow();
    }

    private static FakeAws fake() {
        return AWS.fake();
    }

    /** An executor that counts the tasks it is given (each a call issued in parallel) and runs them on the pool. */
    private static final class CountingExecutor implements Executor {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable command) {
            tasks.incrementAndGet();
            pool.execute(command);
        }
    }

    private static List<ParameterRef> parameters(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    fake().parameters().putString(String.format("/app/p%03d", i), "value-" + i);
                    return ParameterRef.current(String.format("p%03d", i));
                })
                .toList();
    }

    // ---- values ----

    @Test
    void readsTwoHundredParametersWithTwentyGetParametersCallsIssuedInParallel() {
        List<ParameterRef> refs = parameters(200);
        CountingExecutor executor = new CountingExecutor();

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", executor).getValues(refs);

        assertThat(fetched.values()).hasSize(200);
        assertThat(fetched.failures()).isEmpty();
        assertThat(fetched.get(refs.get(42)).value()).isEqualTo("value-42");
        assertThat(fetched.get(refs.get(42)).name()).isEqualTo("/app/p042");
        assertThat(fake().calls("GetParameters")).isEqualTo(20);
        assertThat(fake().calls("GetParameter")).isZero();
        assertThat(executor.tasks).hasValue(20);
        assertThat(fake().requests())
                .allSatisfy(r -> assertThat(r.resourceIds()).hasSizeLessThanOrEqualTo(10));
    }

    @Test
    void anUnchangedRefreshCostsOneCallPerTenAndReportsTheSameVersions() {
        List<ParameterRef> refs = parameters(25);
        ParameterStoreReader reader = new ParameterStoreReader(client, "/app/", pool);
        ParameterFetch first = reader.getValues(refs);
        fake().parameters().putString("/app/p007", "changed");
        fake().clearRequests();

        ParameterFetch second = reader.getValues(refs);

        assertThat(fake().totalCalls()).isEqualTo(3);
        List<ParameterRef> changed = new ArrayList<>();
        for (ParameterRef ref : refs) {
            if (first.get(ref).version() != second.get(ref).version()) {
                changed.add(ref);
            }
        }
        assertThat(changed).containsExactly(ParameterRef.current("p007"));
        assertThat(second.get(ParameterRef.current("p007")).version()).isEqualTo(2L);
    }

    @Test
    void asksForEachDistinctRefOnce() {
        parameters(3);
        List<ParameterRef> refs = List.of(
                ParameterRef.current("p000"),
                ParameterRef.current("p001"),
                new ParameterRef("p000", null),
                ParameterRef.current("p001"),
                ParameterRef.current("p002"));

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", pool).getValues(refs);

        assertThat(fetched.values()).hasSize(3);
        assertThat(fake().requests())
                .singleElement()
                .satisfies(r -> assertThat(r.resourceIds()).containsExactly("/app/p000", "/app/p001", "/app/p002"));
    }

    @Test
    void versionsAndLabelsAreEsosNameSelectorsAndComeBackInTheSameCall() {
        for (int i = 1; i <= 5; i++) {
            fake().parameters().putString("/e2e/versioned/e2e-ns/one", "value" + i);
        }
        fake().parameters().label("/e2e/versioned/e2e-ns/one", 2, "stable");
        List<ParameterRef> refs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            refs.add(new ParameterRef("/e2e/versioned/e2e-ns/one", String.valueOf(i)));
        }
        refs.add(new ParameterRef("/e2e/versioned/e2e-ns/one", "stable"));
        refs.add(ParameterRef.current("/e2e/versioned/e2e-ns/one"));

        ParameterFetch fetched = new ParameterStoreReader(client, "", pool).getValues(refs);

        for (int i = 1; i <= 5; i++) {
            assertThat(fetched.get(refs.get(i - 1)).value()).isEqualTo("value" + i);
        }
        assertThat(fetched.get(refs.get(5)).value()).isEqualTo("value2");
        assertThat(fetched.get(refs.get(6)).version()).isEqualTo(5L);
        assertThat(fake().calls("GetParameters")).isEqualTo(1); // ESO: seven GetParameter calls
    }

    @Test
    void theStorePrefixIsPrependedVerbatim() {
        // ESO's TestGetSecret (setSecretStringWithPrefix): prefix "/test/this" + key "/baz"
        fake().parameters().putString("/test/this/baz", "RRRRR");

        ParameterFetch fetched =
                new ParameterStoreReader(client, "/test/this", pool).getValues(List.of(ParameterRef.current("/baz")));

        assertThat(fetched.get(ParameterRef.current("/baz")).value()).isEqualTo("RRRRR");
    }

    @Test
    void secureStringsAndStringListsAreReadAsEsoReadsThem() {
        fake().parameters().putSecureString("/app/password", "s3cr3t");
        fake().parameters().putStringList("/app/hosts", List.of("a", "b"));

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", pool)
                .getValues(List.of(ParameterRef.current("password"), ParameterRef.current("hosts")));

        assertThat(fetched.get(ParameterRef.current("password")).value()).isEqualTo("s3cr3t");
        assertThat(fetched.get(ParameterRef.current("password")).type()).isEqualTo("SecureString");
        assertThat(fetched.get(ParameterRef.current("hosts")).value()).isEqualTo("a,b");
        assertThat(fetched.get(ParameterRef.current("password")).toString()).doesNotContain("s3cr3t");
    }

    // ---- per-name errors ----

    @Test
    void aMissingParameterIsEsosSecretDoesNotExistAndFailsOnlyItsRef() {
        parameters(2);

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", pool)
                .getValues(List.of(
                        ParameterRef.current("p000"), ParameterRef.current("missing"), ParameterRef.current("p001")));

        assertThat(fetched.values()).hasSize(2);
        assertThat(fetched.failure(ParameterRef.current("missing")))
                .get()
                .isInstanceOfSatisfying(
                        SecretNotFoundException.class,
                        e -> assertThat(e.secretId()).isEqualTo("/app/missing"))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("Secret does not exist")
                        .contains("/app/missing"));
        assertThat(fake().totalCalls()).isEqualTo(1);
    }

    @Test
    void aMissingVersionIsAskedAgainAndIsNotNotFoundAsInEso() {
        fake().parameters().putString("/app/flag", "v1");

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", pool)
                .getValues(List.of(new ParameterRef("flag", "7"), ParameterRef.current("flag")));

        SecretsException failure =
                fetched.failure(new ParameterRef("flag", "7")).orElseThrow();
        assertThat(failure).isNotInstanceOf(SecretNotFoundException.class);
        assertThat(failure.getMessage())
                .contains("GetParameter /app/flag:7")
                .contains("Systems Manager could not find version 7 of /app/flag")
                .contains("(ParameterVersionNotFound)");
        assertThat(fetched.get(ParameterRef.current("flag")).value()).isEqualTo("v1");
        assertThat(fake().calls("GetParameters")).isEqualTo(1);
        assertThat(fake().calls("GetParameter")).isEqualTo(1);
    }

    @Test
    void aKeyThatRefusesDecryptionFailsOnlyItsOwnParameter() {
        fake().parameters().createKmsKey("alias/locked");
        fake().parameters().putSecureString("/app/locked", "nope", "alias/locked");
        fake().parameters().putSecureString("/app/open", "yes");
        fake().parameters().putString("/app/plain", "plain");
        fake().parameters().disableKmsKey("alias/locked");

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", pool)
                .getValues(List.of(
                        ParameterRef.current("locked"), ParameterRef.current("open"), ParameterRef.current("plain")));

        assertThat(fetched.failure(ParameterRef.current("locked")))
                .get()
                .isInstanceOf(SecretAccessDeniedException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("GetParameter /app/locked")
                        .contains("is disabled")
                        .contains("(InvalidKeyId)")
                        .doesNotContain("nope"));
        assertThat(fetched.get(ParameterRef.current("open")).value()).isEqualTo("yes");
        assertThat(fetched.get(ParameterRef.current("plain")).value()).isEqualTo("plain");
    }

    @Test
    void whenIamDeniesGetParametersItFallsBackToGetParameterForGood() {
        List<ParameterRef> refs = parameters(12);
        fake().deny(DenyRule.operation("GetParameters"));
        ParameterStoreReader reader = new ParameterStoreReader(client, "/app/", pool);

        ParameterFetch first = reader.getValues(refs);
        fake().clearRequests();
        ParameterFetch second = reader.getValues(refs);

        assertThat(first.values()).hasSize(12);
        assertThat(second.values()).hasSize(12);
        assertThat(reader.batchUnavailable()).isTrue();
        assertThat(fake().calls("GetParameters")).isZero();
        assertThat(fake().calls("GetParameter")).isEqualTo(12);
    }

    @Test
    void throttlingFailsTheChunkWithTheAwsCodeAndDoesNotMultiplyCalls() {
        List<ParameterRef> refs = parameters(15);
        fake().inject(FaultRule.of(Fault.THROTTLING)
                .onOperations("GetParameters")
                .times(1));

        ParameterFetch fetched = new ParameterStoreReader(client, "/app/", Runnable::run).getValues(refs);

        assertThat(fetched.failures()).hasSize(10);
        assertThat(fetched.values()).hasSize(5);
        assertThat(fetched.failures().values())
                .allSatisfy(e -> assertThat(e.getMessage()).contains("(ThrottlingException)"));
        assertThat(fake().totalCalls()).isEqualTo(2);
    }

    @Test
    void anApiErrorIsPassedThroughWithItsText() {
        // ESO's TestGetSecret (setAPIError): the error text reaches the user
        parameters(1);
        fake().inject(FaultRule.of(Fault.INTERNAL_ERROR)
                .onOperations("GetParameters")
                .withMessage("oh no"));

        ParameterFetch fetched =
                new ParameterStoreReader(client, "/app/", pool).getValues(List.of(ParameterRef.current("p000")));

        assertThatThrownBy(() -> fetched.get(ParameterRef.current("p000")))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("oh no")
                .hasMessageContaining("(InternalServerError)");
    }

    // ---- tags ----

    @Test
    void tagsComeSortedByKeyFromListTagsForResource() {
        fake().parameters().putString("/baz", "not-returned");
        fake().parameters().tag("/baz", Map.of("tagname2", "tagvalue2", "tagname1", "tagvalue1"));

        Map<String, String> tags = new ParameterStoreReader(client, "", pool).getTags(new ParameterRef("/baz", "1"));

        assertThat(tags).containsExactly(Map.entry("tagname1", "tagvalue1"), Map.entry("tagname2", "tagvalue2"));
        assertThat(fake().requests())
                .extracting(RecordedRequest::operation, RecordedRequest::resourceIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ListTagsForResource", List.of("/baz")));
    }

    @Test
    void tagsOfAMissingParameterAreEsosListingError() {
        assertThatThrownBy(() -> new ParameterStoreReader(client, "", pool).getTags(ParameterRef.current("/nope")))
                .isInstanceOf(SecretsException.class)
                .isNotInstanceOf(SecretNotFoundException.class)
                .hasMessageStartingWith("error listing tags: ListTagsForResource /nope failed")
                .hasMessageContaining("(InvalidResourceId)");
    }

    // ---- find ----

    private static Pattern regexp(String expression) {
        return Pattern.compile(expression);
    }

    @Test
    void findByNameWithoutAPathPagesTheWholeHierarchyAndKeepsFullNames() {
        // ESO's e2e FindByName
        String value = "{\"foo1\":\"foo1-val\"}";
        for (String n : List.of("one", "two", "three")) {
            fake().parameters().putString("/e2e/find/name/e2e-ns/" + n, value);
        }
        fake().parameters().putString("/e2e/other/four", value);

        Map<String, ParameterValue> found = new ParameterStoreReader(client, "/ignored-prefix/", pool)
                .find(null, regexp("/e2e/find/name/e2e-ns.+").asPredicate(), Map.of());

        assertThat(found)
                .containsOnlyKeys(
                        "/e2e/find/name/e2e-ns/one", "/e2e/find/name/e2e-ns/two", "/e2e/find/name/e2e-ns/three");
        assertThat(found.get("/e2e/find/name/e2e-ns/two").value()).isEqualTo(value);
        assertThat(fake().requests())
                .singleElement()
                .satisfies(r -> assertThat(r.resourceIds()).containsExactly("/"));
    }

    @Test
    void findByNameWithAPathPagesTenAtATime() {
        for (int i = 0; i < 25; i++) {
            fake().parameters().putString("/e2e-ns/p" + i, "v" + i);
        }
        fake().parameters().putString("/elsewhere/p", "x");

        Map<String, ParameterValue> found = new ParameterStoreReader(client, "", pool)
                .find("/e2e-ns", regexp(".+").asPredicate(), Map.of());

        assertThat(found).hasSize(25);
        assertThat(fake().calls("GetParametersByPath")).isEqualTo(3);
        assertThat(fake().totalCalls()).isEqualTo(3);
    }

    @Test
    void findByNameFallsBackToDescribeParametersWhenThePathIsDenied() {
        for (int i = 0; i < 12; i++) {
            fake().parameters().putString("/e2e-ns/p" + i, "v" + i);
        }
        fake().parameters().putString("/e2e-ns/skip-me", "x");
        fake().deny(DenyRule.operation("GetParametersByPath"));

        Map<String, ParameterValue> found = new ParameterStoreReader(client, "", pool)
                .find("/e2e-ns", regexp("/p\\d+$").asPredicate(), Map.of());

        assertThat(found).hasSize(12);
        assertThat(found.get("/e2e-ns/p11").value()).isEqualTo("v11");
        assertThat(fake().calls("DescribeParameters")).isEqualTo(1);
        assertThat(fake().calls("GetParameters")).isEqualTo(2); // ESO: twelve GetParameter calls
        assertThat(fake().requests().get(1).filters())
                .containsExactly(new RecordedRequest.Filter("Path", List.of("/e2e-ns")));
    }

    @Test
    void findByNameReportsOtherPathErrorsWithEsosContext() {
        fake().inject(FaultRule.of(Fault.THROTTLING).onOperations("GetParametersByPath"));

        assertThatThrownBy(() -> new ParameterStoreReader(client, "", pool).find("/x", s -> true, Map.of()))
                .isInstanceOf(SecretsException.class)
                .hasMessageStartingWith("fetching parameters by path /x: GetParametersByPath /x failed: Rate exceeded")
                .hasMessageContaining("(ThrottlingException)");
    }

    @Test
    void findByTagsFiltersOnAwsAndReadsTheValuesInChunks() {
        // ESO's e2e FindByTagWithPath
        String value = "{\"foo1\":\"foo1-val\",\"bar1\":\"bar1-val\"}";
        for (String name : List.of("/e2e/find/name/e2e-ns/one", "/foobar/e2e-ns/two", "/foobar/e2e-ns/three")) {
            fake().parameters().putString(name, value);
            fake().parameters().tag(name, Map.of("test", "e2e-ns"));
        }
        fake().parameters().putString("/foobar/e2e-ns/untagged", value);

        Map<String, ParameterValue> found =
                new ParameterStoreReader(client, "", pool).find("/foobar", null, Map.of("test", "e2e-ns"));

        assertThat(found).containsOnlyKeys("/foobar/e2e-ns/two", "/foobar/e2e-ns/three");
        assertThat(fake().requests())
                .extracting(RecordedRequest::operation)
                .containsExactly("DescribeParameters", "GetParameters"); // ESO: Describe + one GetParameter each
        assertThat(fake().requests().get(0).filters())
                .containsExactly(
                        new RecordedRequest.Filter("tag:test", List.of("e2e-ns")),
                        new RecordedRequest.Filter("Path", List.of("/foobar")));
    }

    @Test
    void aFindWithNeitherNameNorTagsIsEsosUnexpectedOperator() {
        assertThatThrownBy(() -> new ParameterStoreReader(client, "", pool).find("/x", null, Map.of()))
                .isInstanceOf(SecretsException.class)
                .hasMessage("unexpected find operator");
    }

    @Test
    void aFailedValueReadFailsTheWholeFindAsInEso() {
        fake().parameters().createKmsKey("alias/locked");
        fake().parameters().putSecureString("/t/a", "x", "alias/locked");
        fake().parameters().tag("/t/a", Map.of("k", "v"));
        fake().parameters().disableKmsKey("alias/locked");

        assertThatThrownBy(() -> new ParameterStoreReader(client, "", pool).find(null, null, Map.of("k", "v")))
                .isInstanceOf(SecretAccessDeniedException.class)
                .hasMessageContaining("/t/a");
    }
}
