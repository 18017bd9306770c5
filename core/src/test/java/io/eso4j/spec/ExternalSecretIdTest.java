package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalSecretIdTest {

    @Test
    void printsNamespaceSlashNameOrTheNameAloneAndParsesItBack() {
        assertThat(ExternalSecretId.of("apps", "db")).hasToString("apps/db");
        assertThat(ExternalSecretId.of("", "db")).hasToString("db");
        assertThat(ExternalSecretId.parse("apps/db")).isEqualTo(ExternalSecretId.of("apps", "db"));
        assertThat(ExternalSecretId.parse("db")).isEqualTo(ExternalSecretId.of("", "db"));
    }

    @Test
    void anExternalSecretKnowsItsId() {
        ExternalSecret es = ExternalSecret.builder()
                .name("db")
                .namespace("apps")
                .secretStore("aws")
                .extract("k")
                .build();

        assertThat(es.id()).isEqualTo(ExternalSecretId.of("apps", "db"));
        assertThat(ExternalSecretId.of(es)).isEqualTo(es.id());
        assertThat(ExternalSecretId.of("", "db").inNamespaceIfNone("default")).hasToString("default/db");
        assertThat(es.id().inNamespaceIfNone("default")).isEqualTo(es.id());
    }
}
