package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractTest {

    private static Map<String, String> members(String json) {
        return RewritesTest.text(Extract.members(json.getBytes(StandardCharsets.UTF_8), "k"));
    }

    @Test
    void keepsNonStringMembersAsWrittenAndUnescapesStrings() {
        assertThat(members("{\"s\":\"a\\u00e9\\n\",\"f\":1.50,\"e\":1e3,\"big\":12345678901234567890,\"t\":true,"
                        + "\"n\":null,\"o\":{ \"x\" : 1 },\"d\":1,\"d\":2}"))
                .containsExactly(
                        Map.entry("s", "aé\n"),
                        Map.entry("f", "1.50"),
                        Map.entry("e", "1e3"),
                        Map.entry("big", "12345678901234567890"),
                        Map.entry("t", "true"),
                        Map.entry("n", ""),
                        Map.entry("o", "{ \"x\" : 1 }"),
                        Map.entry("d", "2"));
    }

    @Test
    void readsTheNullDocumentAsNoMembers() {
        assertThat(members(" null ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"s\"", "12", "not-json", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1} x", ""})
    void rejectsAnythingButAJsonObject(String json) {
        assertThatThrownBy(() -> members(json)).hasMessageStartingWith("unable to unmarshal secret k: ");
    }
}
