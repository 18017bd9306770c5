package io.eso4j.provider.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretNotFoundException;
import io.eso4j.testkit.FakeAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Parameter Store vectors whose result needs no mapping step, against the reader alone: plain {@code data[]}
 * reads (key and version only) and single {@code find}s. ESO's recorded requests are an upper bound on the reader's
 * calls. Core's {@code EsoConformanceTest} runs every vector end to end.
 */
class ParameterStoreVectorsReaderTest {

    private static final Path VECTORS = Path.of("..", "conformance", "parameterstore-vectors.json");

    @TestFactory
    Stream<DynamicTest> readsWhatEsoReadsWithNoMoreCalls() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : runnable()) {
            tests.add(dynamicTest(vector.get("id").asText(), () -> run(vector)));
        }
        return tests.stream();
    }

    @Test
    void runsTheVectorsThatNeedNoMapping() throws IOException {
        assertThat(runnable()).extracting(v -> v.get("id").asText()).hasSize(11);
    }

    private static List<JsonNode> runnable() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode vector : new ObjectMapper().readTree(Files.readString(VECTORS))) {
            JsonNode spec = vector.get("spec");
            if (vector.has("inject") || spec.has("target") && spec.get("target").has("template")) {
                continue;
            }
            boolean plainData = spec.has("data") && !spec.has("dataFrom");
            for (JsonNode entry : spec.path("data")) {
                JsonNode ref = entry.get("remoteRef");
                plainData &= !ref.has("property") && !ref.has("metadataPolicy") && !ref.has("decodingStrategy");
            }
            boolean singleFind = !spec.has("data")
                    && spec.path("dataFrom").size() == 1
                    && spec.get("dataFrom").get(0).has("find");
            if (plainData || singleFind) {
                out.add(vector);
            }
        }
        return out;
    }

    private static void run(JsonNode vector) {
        try (FakeAws fake = FakeAws.start();
                SsmClient client = SsmClient.builder()
                        .endpointOverride(fake.endpoint())
                        .region(fake.region())
                        .credentialsProvider(fake.credentialsProvider())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            fake.loadFixtureJson(vector.toString());
            ParameterStoreReader reader = new ParameterStoreReader(
                    client, vector.path("store").path("prefix").asText(""));
            JsonNode spec = vector.get("spec");
            JsonNode expect = vector.get("expect");
            if (spec.has("data")) {
                readData(reader, spec, expect);
            } else {
                find(reader, spec.get("dataFrom").get(0).get("find"), expect);
            }
            if (vector.has("expectApiRequests")) {
                assertThat(fake.totalCalls())
                        .as("AWS requests (ESO made %s)", vector.get("expectApiRequests"))
                        .isLessThanOrEqualTo(vector.get("expectApiRequests").size());
            }
        }
    }

    private static void readData(ParameterStoreReader reader, JsonNode spec, JsonNode expect) {
        Map<String, ParameterRef> refs = new LinkedHashMap<>();
        for (JsonNode entry : spec.get("data")) {
            JsonNode ref = entry.get("remoteRef");
            refs.put(
                    entry.get("secretKey").asText(),
                    new ParameterRef(
                            ref.get("key").asText(), ref.path("version").asText("")));
        }
        ParameterFetch fetched = reader.getValues(refs.values());
        if (expect.has("error")) {
            assertThat(fetched.failures().values())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e)
                            .isInstanceOf(SecretNotFoundException.class)
                            .hasMessageContaining(expect.get("error").asText()));
            return;
        }
        Map<String, String> actual = new LinkedHashMap<>();
        refs.forEach((secretKey, ref) -> actual.put(secretKey, fetched.get(ref).value()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(strings(expect));
    }

    private static void find(ParameterStoreReader reader, JsonNode find, JsonNode expect) {
        Map<String, String> tags = new LinkedHashMap<>();
        find.path("tags")
                .properties()
                .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        String regexp = find.path("name").path("regexp").asText(null);
        Map<String, ParameterValue> found = reader.find(
                find.path("path").asText(null),
                regexp == null ? null : Pattern.compile(regexp).asPredicate(),
                tags);
        Map<String, String> actual = new LinkedHashMap<>();
        found.forEach((name, value) -> actual.put(defaultConversion(name), value.value()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(strings(expect));
    }

    /**
     * ESO's {@code Default} key conversion ({@code runtime/esutils/utils.go}, {@code convert}), which the mapping
     * applies to found keys: every character outside {@code [-._a-zA-Z0-9]} becomes {@code _}.
     */
    private static String defaultConversion(String key) {
        return key.replaceAll("[^-._a-zA-Z0-9]", "_");
    }

    private static Map<String, String> strings(JsonNode expect) {
        Map<String, String> out = new LinkedHashMap<>();
        expect.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
