package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.ConversionStrategy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        "DEFAULT, foo$bar%baz*bing, foo_bar_baz_bing",
        "DEFAULT, /foo/bar, _foo_bar",
        "UNICODE, /foo, _U002f_foo",
        "UNICODE, a\uD83D\uDE00b, a_U1f600_b",
        "DEFAULT, a\uD83D\uDE00b, a_b",
        "DEFAULT, pässwort, pässwort",
        "UNICODE, key name, key_U0020_name",
        "DEFAULT, a-b.c_d9, a-b.c_d9",
    })
    void convertsKeysLikeEso(ConversionStrategy strategy, String key, String expected) {
        assertThat(Keys.convert(strategy, key)).isEqualTo(expected);
    }

    @Test
    void reportsAConversionCollision() {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("a/b", new byte[0]);
        in.put("a%b", new byte[0]);
        assertThatThrownBy(() -> Keys.convert(ConversionStrategy.DEFAULT, in))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage(
                        "error applying conversion strategy Default to keys: secret name collision during conversion: a_b");
    }

    @Test
    void dropsEmptyKeysSilently() {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("", new byte[] {1});
        in.put("ok", new byte[] {2});
        Keys.validate(in);
        assertThat(in).containsOnlyKeys("ok");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "app_p***word|key has invalid character *, only alphanumeric, '-', '.' and '_' are allowed: app_p***word",
                "a/b|key has invalid character /, only alphanumeric, '-', '.' and '_' are allowed: a/b",
                "pässwort|key has invalid character ä, only alphanumeric, '-', '.' and '_' are allowed: pässwort",
                ".|key must not be '.' or '..' and must not start with '..': .",
                "..|key must not be '.' or '..' and must not start with '..': ..",
                "..a|key must not be '.' or '..' and must not start with '..': ..a",
            })
    void rejectsKeysKubernetesRejectsWithEsosWording(String key, String reason) {
        Map<String, byte[]> in = new LinkedHashMap<>(Map.of(key, new byte[0]));
        assertThatThrownBy(() -> Keys.validate(in))
                .hasMessage("invalid secret keys (TIP: use rewrite or conversionStrategy to change keys): " + reason);
    }

    @Test
    void rejectsKeysLongerThan253Bytes() {
        String key = "k".repeat(254);
        assertThatThrownBy(() -> Keys.validate(new LinkedHashMap<>(Map.of(key, new byte[0]))))
                .hasMessageContaining(
                        "key has length 254 but max is 253: (following is truncated): " + "k".repeat(253));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", ".a", "a..b", "A-Z_0.9", "_"})
    void acceptsKubernetesKeys(String key) {
        Map<String, byte[]> in = new LinkedHashMap<>(Map.of(key, new byte[0]));
        Keys.validate(in);
        assertThat(in).containsOnlyKeys(key);
    }
}
