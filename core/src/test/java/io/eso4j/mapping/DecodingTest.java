package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.DecodingStrategy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "BASE64|YmFy|bar",
                "BASE64|Zm9vJV8/YmFy|foo%_?bar",
                "BASE64_URL|Zm9vJV8_YmFy|foo%_?bar",
                "BASE64|YQ==|a",
                "BASE64|YWI=|ab",
                "BASE64|YR==|a",
                "AUTO|Zm9vJV8_YmFy|foo%_?bar",
                "AUTO|foo|foo",
                "AUTO|1234|\u00d7m\u00f8",
                "NONE|Zm9v|Zm9v",
            })
    void decodesLikeGo(DecodingStrategy strategy, String in, String expected) {
        assertThat(Decoding.decode(strategy, b(in))).isEqualTo(expected.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void ignoresCarriageReturnsAndNewlinesAnywhere() {
        assertThat(Decoding.decode(DecodingStrategy.BASE64, b("Ym\r\nFy\n"))).isEqualTo(b("bar"));
        assertThat(Decoding.decode(DecodingStrategy.BASE64, b("YQ=\n="))).isEqualTo(b("a"));
    }

    @ParameterizedTest
    @CsvSource({"foo", "YQ", "YQ=", "YQ=A", "Y===", "YQ==YQ==", "Ym Fy", "Zm9vJV8_YmFy"})
    void rejectsWhatGoRejects(String in) {
        assertThatThrownBy(() -> Decoding.decode(DecodingStrategy.BASE64, b(in)))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageStartingWith(
                        "error applying decoding strategy Base64 to data: illegal base64 data at input byte ");
    }

    @Test
    void rejectsUnpaddedBase64() {
        assertThatThrownBy(() -> Decoding.decode(DecodingStrategy.BASE64_URL, b("Zm9vJV8_YmE")))
                .hasMessageContaining("Base64URL");
    }

    @Test
    void namesTheKeyThatFailedInAMap() {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("ok", b("YmFy"));
        in.put("bad", b("secret-value"));
        assertThatThrownBy(() -> Decoding.decodeMap(DecodingStrategy.BASE64, in))
                .hasMessageStartingWith("error applying decoding strategy Base64 to data: failure decoding key bad: ")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void keepsBinaryBytesIntact() {
        byte[] binary = {(byte) 0xff, 0, (byte) 0x80};
        assertThat(Decoding.decode(DecodingStrategy.BASE64, b("/wCA"))).isEqualTo(binary);
        assertThat(Decoding.decode(DecodingStrategy.NONE, binary)).isEqualTo(binary);
    }
}
