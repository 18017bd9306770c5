package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EsoImportTest {

    @Test
    void splitsItemsAndTheirPrefixes() {
        assertThat(EsoImport.items("classpath:a.yaml?prefix=app.; ;file:/b/*.yaml"))
                .containsExactly(
                        new EsoImport.Item("classpath:a.yaml", "app.", false),
                        new EsoImport.Item("file:/b/*.yaml", "", false));
        assertThat(EsoImport.items("aws:db-creds;api/key?prefix=api."))
                .containsExactly(new EsoImport.Item("db-creds", "", true), new EsoImport.Item("api/key", "api.", true));
        assertThat(EsoImport.items(" ; ")).isEmpty();
    }

    @Test
    void aShortFormItemIsLocatedByItsSecretId() {
        EsoImport item = EsoImport.awsSecret("db-creds", "db.", true);

        assertThat(item.location()).isEqualTo("aws:db-creds");
        assertThat(item.isShortForm()).isTrue();
        assertThat(item).hasToString("eso:aws:db-creds?prefix=db.");
    }
}
