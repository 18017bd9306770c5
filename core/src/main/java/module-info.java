/**
 * eso4j core: reads External Secrets Operator manifests and gives applications ESO's results, kept current.
 *
 * <p>Exported, with compatibility promises from 1.0: the facade and its values, events and exceptions ({@code
 * io.eso4j}), the manifest model ({@code io.eso4j.spec}), authentication options and the secret-key SPI ({@code
 * io.eso4j.auth}), refresh options ({@code io.eso4j.refresh}), the framework-neutral integration layer for
 * integrations such as the Spring Boot starter ({@code io.eso4j.integration}) and the template function SPI
 * ({@code io.eso4j.mapping.template}, used by {@code eso4j-template-crypto}). Everything else (the refresh engine in
 * {@code io.eso4j.internal.*}, the provider SPI and its AWS implementations, the mapping pipeline) is internal.
 *
 * <p>{@code re2j} has no module name of its own, so it is required by the name derived from its file name.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.eso4j.core {
    exports io.eso4j;
    exports io.eso4j.auth;
    exports io.eso4j.integration;
    exports io.eso4j.mapping.template;
    exports io.eso4j.refresh;
    exports io.eso4j.spec;

    // Types of these appear in the exported API (credentials providers, regions, SDK clients).
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.services.secretsmanager;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.services.ecr;
    requires software.amazon.awssdk.services.sts;
    requires software.amazon.awssdk.utils;
    // Parameter Store: an optional dependency until the provider is wired behind the SPI (issue 13).
    requires transitive software.amazon.awssdk.services.ssm;
    // AwsClients.certificateManager takes the caller's AcmClient.
    requires transitive software.amazon.awssdk.services.acm;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires org.yaml.snakeyaml;
    requires re2j;

    uses io.eso4j.mapping.template.TemplateFunctionProvider;
}
