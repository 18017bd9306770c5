package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedSecretFallbackTest {

    private final ResolvedSecret secret = new ResolvedSecret(
            "db",
            "default",
            "db",
            Map.of("password", "s3cret".getBytes(StandardCharsets.UTF_8)),
            "Opaque",
            Map.of(),
            Map.of(),
            Map.of(),
            Instant.EPOCH);

    @Test
    void presentKeyReturnsDecodedValue() {
        assertThat(secret.string("password", "x")).isEqualTo("s3cret");
    }

    @Test
    void absentKeyReturnsFallbackIncludingNull() {
        assertThat(secret.string("missing", "dflt")).isEqualTo("dflt");
        assertThat(secret.string("missing", null)).isNull();
    }
}
