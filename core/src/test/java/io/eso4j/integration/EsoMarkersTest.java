package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsoMarkersTest {

    @Test
    void dataHashMatchesEsosOwnExample() {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("foo", "value1".getBytes(StandardCharsets.UTF_8));
        data.put("bar", "value2".getBytes(StandardCharsets.UTF_8));

        assertThat(EsoMarkers.dataHash(data)).isEqualTo("1bed8bcbcb4547ffe19a19cd47d9078e84aa6598266d86b99f992d64");
    }

    @Test
    void dataHashDoesNotDependOnInsertionOrderButOnEveryByte() {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("a", new byte[] {1, (byte) 200});
        one.put("b", new byte[0]);
        Map<String, byte[]> other = new LinkedHashMap<>();
        other.put("b", new byte[0]);
        other.put("a", new byte[] {1, (byte) 200});
        Map<String, byte[]> changed = Map.of("a", new byte[] {1, (byte) 201}, "b", new byte[0]);

        assertThat(EsoMarkers.dataHash(one)).isEqualTo(EsoMarkers.dataHash(other));
        assertThat(EsoMarkers.dataHash(one)).isNotEqualTo(EsoMarkers.dataHash(changed));
    }

    @Test
    void emptyDataHashesTheEmptyGoMap() {
        assertThat(EsoMarkers.dataHash(Map.of())).hasSize(56).isEqualTo(EsoMarkers.dataHash(new LinkedHashMap<>()));
    }

    @Test
    void fieldManagerIsHashedOnlyWhenTooLong() {
        assertThat(EsoMarkers.fieldManager("db")).isEqualTo("externalsecrets.external-secrets.io/db");
        String longName = "x".repeat(40);
        assertThat(EsoMarkers.fieldManager(longName))
                .startsWith("externalsecrets.external-secrets.io/sha3/")
                .doesNotContain(longName);
    }

    @Test
    void createdByHashesNamespaceAndName() {
        assertThat(EsoMarkers.createdBy("ns", "es")).hasSize(56).isNotEqualTo(EsoMarkers.createdBy("ns", "es2"));
    }
}
