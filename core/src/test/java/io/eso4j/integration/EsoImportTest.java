package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EsoImportTest {

    @Test
    void splitsItemsAndTheirPrefixes() {
        assertThat(EsoImport.items("classpath:a.yaml?prefix=app.; ;file:/b/*.yaml"))
                .containsExactly(
                        new EsoImport.Item("classpath:a.yaml", "app.", false, false),
                        new EsoImport.Item("file:/b/*.yaml", "", false, false));
        assertThat(EsoImport.items("aws:db-creds;api/key?prefix=api."))
                .containsExactly(
                        new EsoImport.Item("db-creds", "", true, false),
                        new EsoImport.Item("api/key", "api.", true, false));
        assertThat(EsoImport.items(" ; ")).isEmpty();
        assertThat(EsoImport.items("aws-parameterstore:/config/app/?prefix=app.;/config/other/"))
                .containsExactly(
                        new EsoImport.Item("/config/app/", "app.", false, true),
                        new EsoImport.Item("/config/other/", "", false, true));
    }

    @Test
    void springCloudAwssExtensionParameterIsRefusedNamingTheItem() {
        assertThatThrownBy(() -> EsoImport.items("aws-parameterstore:/config/app/?extension=yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/config/app/?extension=yaml")
                .hasMessageContaining("not supported");
    }

    @Test
    void aShortFormItemIsLocatedByItsSecretId() {
        EsoImport item = EsoImport.awsSecret("db-creds", "db.", true);

        assertThat(item.location()).isEqualTo("aws:db-creds");
        assertThat(item.isShortForm()).isTrue();
        assertThat(item).hasToString("eso:aws:db-creds?prefix=db.");
    }
}
