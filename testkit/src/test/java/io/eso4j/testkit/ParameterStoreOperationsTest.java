package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceTypeException;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.Tag;

/** Every Parameter Store operation of the fake, through the real SDK {@link SsmClient}. */
class ParameterStoreOperationsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SsmClient ssm;

    @BeforeAll
    static void client() {
        ssm = Clients.ssmNoRetries(AWS.fake());
    }

    @AfterAll
    static void closeClient() {
        ssm.close();
    }

    // ---- PutParameter / GetParameter ----

    @Test
    void putCreatesVersionOneAndOverwriteAddsTheNextVersion() {
        PutParameterResponse first =
                ssm.putParameter(r -> r.name("/app/db/url").value("jdbc:one").type(ParameterType.STRING));
        PutParameterResponse second =
                ssm.putParameter(r -> r.name("/app/db/url").value("jdbc:two").overwrite(true));

        assertThat(first.version()).isEqualTo(1L);
        assertThat(first.tierAsString()).isEqualTo("Standard");
        assertThat(second.version()).isEqualTo(2L);
        Parameter current = ssm.getParameter(r -> r.name("/app/db/url")).parameter();
        assertThat(current.name()).isEqualTo("/app/db/url");
        assertThat(current.value()).isEqualTo("jdbc:two");
        assertThat(current.version()).isEqualTo(2L);
        assertThat(current.type()).isEqualTo(ParameterType.STRING);
        assertThat(current.dataType()).isEqualTo("text");
        assertThat(current.arn()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/db/url");
        assertThat(current.lastModifiedDate()).isNotNull();
        assertThat(current.selector()).isNull();
    }

    @Test
    void putWithoutOverwriteOnAnExistingParameterIsRefusedAsAwsDoes() {
        AWS.parameters().putString("/app/name", "one");

        assertThatThrownBy(() ->
                        ssm.putParameter(r -> r.name("/app/name").value("two").type(ParameterType.STRING)))
                .isInstanceOf(ParameterAlreadyExistsException.class)
                .hasMessageContaining(
                        "The parameter already exists. To overwrite this value, set the overwrite option in the"
                                + " request to true.");
        assertThat(AWS.parameters().version("/app/name")).isEqualTo(1L);
    }

    @Test
    void tagsAndOverwriteTogetherAreAValidationError() {
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/tagged")
                        .value("v")
                        .type(ParameterType.STRING)
                        .overwrite(true)
                        .tags(Tag.builder().key("team").value("a").build())))
                .isInstanceOfSatisfying(
                        SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("tags and overwrite can't be used together");
    }

    @Test
    void invalidNamesAndMissingTypesAreValidationErrors() {
        assertThatThrownBy(() ->
                        ssm.putParameter(r -> r.name("/aws/reserved").value("v").type(ParameterType.STRING)))
                .hasMessageContaining("can't be prefixed with \"aws\" or \"ssm\"");
        assertThatThrownBy(() ->
                        ssm.putParameter(r -> r.name("has space").value("v").type(ParameterType.STRING)))
                .hasMessageContaining("can't be prefixed with \"aws\" or \"ssm\"");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/new").value("v")))
                .hasMessageContaining("A parameter type is required");
        assertThatThrownBy(() -> ssm.putParameter(
                        r -> r.name("/big").value("x".repeat(4097)).type(ParameterType.STRING)))
                .hasMessageContaining("maximum parameter value of 4096 characters");
        assertThat(AWS.parameters().names()).isEmpty();
    }

    @Test
    void stringListsKeepTheirType() {
        AWS.parameters().putStringList("/app/hosts", List.of("a", "b", "c"));

        Parameter hosts = ssm.getParameter(r -> r.name("/app/hosts")).parameter();

        assertThat(hosts.type()).isEqualTo(ParameterType.STRING_LIST);
        assertThat(hosts.value()).isEqualTo("a,b,c");
    }

    @Test
    void versionAndLabelSelectorsPickAVersionAndAreEchoedAsSelector() {
        AWS.parameters().putString("/app/flag", "v1");
        AWS.parameters().putString("/app/flag", "v2");
        AWS.parameters().putString("/app/flag", "v3");
        AWS.parameters().label("/app/flag", 2, "stable");

        GetParameterResponse byVersion = ssm.getParameter(r -> r.name("/app/flag:1"));
        GetParameterResponse byLabel = ssm.getParameter(r -> r.name("/app/flag:stable"));

        assertThat(byVersion.parameter().value()).isEqualTo("v1");
        assertThat(byVersion.parameter().version()).isEqualTo(1L);
        assertThat(byVersion.parameter().selector()).isEqualTo(":1");
        assertThat(byVersion.parameter().name()).isEqualTo("/app/flag");
        assertThat(byLabel.parameter().value()).isEqualTo("v2");
        assertThat(byLabel.parameter().selector()).isEqualTo(":stable");
        assertThat(ssm.getParameter(r -> r.name("/app/flag")).parameter().value())
                .isEqualTo("v3");
    }

    @Test
    void aMissingParameterOrVersionGivesAwsErrors() {
        AWS.parameters().putString("/app/flag", "v1");

        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/missing")))
                .isInstanceOfSatisfying(
                        ParameterNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterNotFound"));
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/flag:7")))
                .isInstanceOf(ParameterVersionNotFoundException.class)
                .hasMessageContaining(
                        "Systems Manager could not find version 7 of /app/flag. Verify the version and try again.");
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/flag:nolabel")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void aParameterCanBeReadByItsArn() {
        AWS.parameters().putString("/app/flag", "v1");
        AWS.parameters().putString("plain", "p");

        assertThat(ssm.getParameter(r -> r.name("arn:aws:ssm:us-east-1:123456789012:parameter/app/flag"))
                        .parameter()
                        .value())
                .isEqualTo("v1");
        assertThat(ssm.getParameter(r -> r.name("arn:aws:ssm:us-east-1:123456789012:parameter/plain"))
                        .parameter()
                        .value())
                .isEqualTo("p");
    }

    // ---- SecureString and KMS ----

    @Test
    void aSecureStringIsCiphertextWithoutDecryptionAndTheValueWithIt() {
        AWS.parameters().putSecureString("/app/password", "s3cr3t");

        Parameter encrypted = ssm.getParameter(r -> r.name("/app/password")).parameter();
        Parameter again = ssm.getParameter(r -> r.name("/app/password").withDecryption(false))
                .parameter();
        Parameter decrypted = ssm.getParameter(r -> r.name("/app/password").withDecryption(true))
                .parameter();

        assertThat(encrypted.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(encrypted.value()).isNotEqualTo("s3cr3t").doesNotContain("s3cr3t");
        assertThat(Base64.getDecoder().decode(encrypted.value())).hasSizeGreaterThan(32);
        assertThat(again.value()).isEqualTo(encrypted.value());
        assertThat(decrypted.value()).isEqualTo("s3cr3t");
        AWS.parameters().putSecureString("/app/password", "n3w");
        assertThat(ssm.getParameter(r -> r.name("/app/password")).parameter().value())
                .isNotEqualTo(encrypted.value());
    }

    @Test
    void aSecureStringUnderAnUnknownKeyCannotBePut() {
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/password")
                        .value("s3cr3t")
                        .type(ParameterType.SECURE_STRING)
                        .keyId("alias/nope")))
                .isInstanceOf(InvalidKeyIdException.class)
                .hasMessageContaining("Key 'arn:aws:kms:us-east-1:123456789012:alias/nope' does not exist")
                .hasMessageContaining("Error Code: NotFoundException")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/plain")
                        .value("v")
                        .type(ParameterType.STRING)
                        .keyId("alias/aws/ssm")))
                .isInstanceOf(SsmException.class)
                .hasMessageContaining("SecureString");
    }

    @Test
    void aDisabledKeyFailsDecryptionWithInvalidKeyIdButNotACiphertextRead() {
        String keyArn = AWS.parameters().createKmsKey("alias/app");
        ssm.putParameter(r -> r.name("/app/password")
                .value("s3cr3t")
                .type(ParameterType.SECURE_STRING)
                .keyId("alias/app"));
        AWS.parameters().disableKmsKey("alias/app");

        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/password").withDecryption(true)))
                .isInstanceOf(InvalidKeyIdException.class)
                .hasMessageContaining(keyArn + " is disabled.")
                .hasMessageContaining("Error Code: DisabledException")
                .hasMessageNotContaining("s3cr3t");
        assertThat(ssm.getParameter(r -> r.name("/app/password")).parameter().value())
                .isNotEqualTo("s3cr3t");
        AWS.parameters().enableKmsKey(keyArn);
        assertThat(ssm.getParameter(r -> r.name("/app/password").withDecryption(true))
                        .parameter()
                        .value())
                .isEqualTo("s3cr3t");
    }

    @Test
    void aDeletedKeyOrADeniedDecryptIsKmsAccessDenied() {
        AWS.parameters().createKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab");
        AWS.parameters().putSecureString("/app/a", "one", "1234abcd-12ab-34cd-56ef-1234567890ab");
        AWS.parameters().putSecureString("/app/b", "two");
        AWS.parameters().deleteKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab");
        AWS.fake().deny(DenyRule.operation("kms:Decrypt").forSecretIds("alias/aws/ssm"));

        for (String name : List.of("/app/a", "/app/b")) {
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name(name).withDecryption(true)))
                    .isInstanceOfSatisfying(
                            SsmException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
                    .hasMessageContaining("The ciphertext refers to a customer master key that does not exist")
                    .hasMessageContaining("Service: AWSKMS");
        }
    }

    @Test
    void theMetadataOfASecureStringNamesItsKey() {
        AWS.parameters().createKmsKey("alias/app");
        AWS.parameters().putSecureString("/app/a", "one", "alias/app");
        AWS.parameters().putSecureString("/app/b", "two");

        List<ParameterMetadata> described =
                ssm.describeParameters(r -> r.maxResults(50)).parameters();

        assertThat(described).extracting(ParameterMetadata::keyId).containsExactly("alias/app", "alias/aws/ssm");
    }

    // ---- GetParameters ----

    @Test
    void getParametersReturnsFoundOnesAndListsTheRestAsInvalid() {
        AWS.parameters().putString("/app/a", "a1");
        AWS.parameters().putString("/app/a", "a2");
        AWS.parameters().label("/app/a", 1, "old");
        AWS.parameters().putSecureString("/app/s", "secret");

        GetParametersResponse response = ssm.getParameters(
                r -> r.names("/app/a", "/app/a:1", "/app/a:old", "/app/a:9", "/app/missing", "/app/s", "/app/a:nolabel")
                        .withDecryption(true));

        assertThat(response.parameters())
                .extracting(Parameter::name, Parameter::value, Parameter::version, Parameter::selector)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/app/a", "a2", 2L, null),
                        org.assertj.core.groups.Tuple.tuple("/app/a", "a1", 1L, ":1"),
                        org.assertj.core.groups.Tuple.tuple("/app/a", "a1", 1L, ":old"),
                        org.assertj.core.groups.Tuple.tuple("/app/s", "secret", 1L, null));
        assertThat(response.invalidParameters()).containsExactly("/app/a:9", "/app/missing", "/app/a:nolabel");
    }

    @Test
    void getParametersTakesAtMostTenNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            names.add("/p/" + i);
        }

        assertThatThrownBy(() -> ssm.getParameters(r -> r.names(names)))
                .isInstanceOfSatisfying(
                        SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Member must have length less than or equal to 10");
        assertThat(ssm.getParameters(r -> r.names(names.subList(0, 10))).invalidParameters())
                .hasSize(10);
    }

    @Test
    void aDecryptionFailureFailsTheWholeGetParametersCall() {
        AWS.parameters().createKmsKey("alias/app");
        AWS.parameters().putSecureString("/app/s", "secret", "alias/app");
        AWS.parameters().putString("/app/a", "a");
        AWS.parameters().disableKmsKey("alias/app");

        assertThatThrownBy(
                        () -> ssm.getParameters(r -> r.names("/app/a", "/app/s").withDecryption(true)))
                .isInstanceOf(InvalidKeyIdException.class);
        assertThat(ssm.getParameters(r -> r.names("/app/a", "/app/s")).parameters())
                .hasSize(2);
    }

    // ---- GetParametersByPath ----

    @Test
    void byPathReturnsDirectChildrenOrWithRecursiveEveryLevel() {
        AWS.parameters().putString("/app/a", "1");
        AWS.parameters().putString("/app/b", "2");
        AWS.parameters().putString("/app/deep/c", "3");
        AWS.parameters().putString("/application", "4");
        AWS.parameters().putString("/other/d", "5");

        List<String> oneLevel = names(ssm.getParametersByPath(r -> r.path("/app")));
        List<String> recursive =
                names(ssm.getParametersByPath(r -> r.path("/app/").recursive(true)));
        List<String> root = names(ssm.getParametersByPath(r -> r.path("/").recursive(true)));

        assertThat(oneLevel).containsExactly("/app/a", "/app/b");
        assertThat(recursive).containsExactly("/app/a", "/app/b", "/app/deep/c");
        assertThat(root).hasSize(5);
    }

    @Test
    void byPathPagesTenAtATimeWithNextTokens() {
        for (int i = 0; i < 25; i++) {
            AWS.parameters().putString(String.format("/fleet/p%02d", i), "v" + i);
        }

        GetParametersByPathResponse first =
                ssm.getParametersByPath(r -> r.path("/fleet").recursive(true));
        List<String> all = new ArrayList<>();
        ssm.getParametersByPathPaginator(r -> r.path("/fleet").recursive(true))
                .forEach(page -> page.parameters().forEach(p -> all.add(p.name())));

        assertThat(first.parameters()).hasSize(10);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(all).hasSize(25).doesNotHaveDuplicates();
        assertThat(AWS.fake().calls("GetParametersByPath")).isEqualTo(4); // first, then three pages
        GetParametersByPathResponse small =
                ssm.getParametersByPath(r -> r.path("/fleet").recursive(true).maxResults(4));
        assertThat(small.parameters()).hasSize(4);
    }

    @Test
    void byPathRefusesPagesOverTenAndUnknownTokens() {
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/fleet").maxResults(11)))
                .isInstanceOfSatisfying(
                        SsmException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Value '11' at 'maxResults' failed to satisfy constraint: Member must have"
                        + " value less than or equal to 10");
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/fleet").nextToken("bogus")))
                .isInstanceOf(InvalidNextTokenException.class);
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("fleet")))
                .hasMessageContaining("must begin with a forward slash");
    }

    @Test
    void byPathDecryptsOnlyWhenAskedAndHonoursItsFilters() {
        AWS.parameters().putString("/app/a", "plain");
        AWS.parameters().putSecureString("/app/s", "secret");
        AWS.parameters().putString("/app/l", "l1");
        AWS.parameters().putString("/app/l", "l2");
        AWS.parameters().label("/app/l", 1, "prod");
        AWS.parameters().tag("/app/a", Map.of("team", "red"));

        Map<String, String> decrypted =
                values(ssm.getParametersByPath(r -> r.path("/app").withDecryption(true)));
        Map<String, String> encrypted = values(ssm.getParametersByPath(r -> r.path("/app")));
        List<String> secureOnly = names(ssm.getParametersByPath(
                r -> r.path("/app").parameterFilters(filter("Type", "Equals", "SecureString"))));
        Map<String, String> labelled = values(
                ssm.getParametersByPath(r -> r.path("/app").parameterFilters(filter("Label", "Equals", "prod"))));
        List<String> tagged = names(
                ssm.getParametersByPath(r -> r.path("/app").parameterFilters(filter("tag:team", "Equals", "red"))));

        assertThat(decrypted).containsEntry("/app/s", "secret").containsEntry("/app/a", "plain");
        assertThat(encrypted.get("/app/s")).isNotEqualTo("secret");
        assertThat(secureOnly).containsExactly("/app/s");
        assertThat(labelled).containsExactly(Map.entry("/app/l", "l1"));
        assertThat(tagged).containsExactly("/app/a");
        assertThatThrownBy(() -> ssm.getParametersByPath(
                        r -> r.path("/app").parameterFilters(filter("Name", "Equals", "/app/a"))))
                .hasMessageContaining("The following filter key is not valid: Name");
    }

    // ---- DescribeParameters ----

    @Test
    void describeFiltersByTagPathAndName() {
        AWS.parameters().putString("/e2e/one", "1");
        AWS.parameters().putString("/foobar/e2e/two", "2");
        AWS.parameters().putString("/foobar/e2e/three", "3");
        AWS.parameters().putString("/foobar/other", "4");
        for (String name : List.of("/e2e/one", "/foobar/e2e/two", "/foobar/e2e/three")) {
            AWS.parameters().tag(name, Map.of("test", "e2e"));
        }

        List<String> byTag =
                metadataNames(ssm.describeParameters(r -> r.parameterFilters(filter("tag:test", "Equals", "e2e"))));
        List<String> byTagAndPath = metadataNames(ssm.describeParameters(
                r -> r.parameterFilters(filter("tag:test", "Equals", "e2e"), filter("Path", "Recursive", "/foobar"))));
        List<String> oneLevel =
                metadataNames(ssm.describeParameters(r -> r.parameterFilters(filter("Path", null, "/foobar"))));
        List<String> byName = metadataNames(
                ssm.describeParameters(r -> r.parameterFilters(filter("Name", "BeginsWith", "/foobar/e2e"))));
        List<String> tagKey =
                metadataNames(ssm.describeParameters(r -> r.parameterFilters(filter("tag-key", null, "test"))));

        assertThat(byTag).containsExactly("/e2e/one", "/foobar/e2e/two", "/foobar/e2e/three");
        assertThat(byTagAndPath).containsExactly("/foobar/e2e/two", "/foobar/e2e/three");
        assertThat(oneLevel).containsExactly("/foobar/other");
        assertThat(byName).containsExactly("/foobar/e2e/two", "/foobar/e2e/three");
        assertThat(tagKey).hasSize(3);
        assertThatThrownBy(() -> ssm.describeParameters(r -> r.parameterFilters(filter("Path", "Equals", "/x"))))
                .hasMessageContaining("The following filter option is not valid: Equals");
    }

    @Test
    void describePagesAndReportsMetadataWithoutValues() {
        for (int i = 0; i < 23; i++) {
            AWS.parameters().putString(String.format("/many/p%02d", i), "value-" + i);
        }
        ssm.putParameter(r -> r.name("/many/p00").value("again").overwrite(true).description("the first"));

        DescribeParametersResponse first = ssm.describeParameters(r -> r.maxResults(10));
        List<ParameterMetadata> all = new ArrayList<>();
        ssm.describeParametersPaginator(r -> r.maxResults(10)).forEach(page -> all.addAll(page.parameters()));

        assertThat(first.parameters()).hasSize(10);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(all).hasSize(23);
        ParameterMetadata p00 = all.get(0);
        assertThat(p00.name()).isEqualTo("/many/p00");
        assertThat(p00.version()).isEqualTo(2L);
        assertThat(p00.description()).isEqualTo("the first");
        assertThat(p00.lastModifiedUser()).isEqualTo("arn:aws:iam::123456789012:user/" + AWS.accessKeyId());
        assertThat(p00.type()).isEqualTo(ParameterType.STRING);
        assertThat(p00.toString()).doesNotContain("again");
        assertThatThrownBy(() -> ssm.describeParameters(r -> r.maxResults(51)))
                .hasMessageContaining("less than or equal to 50");
    }

    // ---- tags ----

    @Test
    void tagsAreAddedAndListedForParameterResources() {
        ssm.putParameter(r -> r.name("/app/t")
                .value("v")
                .type(ParameterType.STRING)
                .tags(Tag.builder().key("team").value("red").build()));
        ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/app/t")
                .tags(
                        Tag.builder().key("team").value("blue").build(),
                        Tag.builder().key("env").value("prod").build()));

        List<Tag> tags = ssm.listTagsForResource(
                        r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/app/t"))
                .tagList();

        assertThat(tags)
                .extracting(Tag::key, Tag::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("team", "blue"),
                        org.assertj.core.groups.Tuple.tuple("env", "prod"));
        assertThatThrownBy(() -> ssm.listTagsForResource(
                        r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/app/none")))
                .isInstanceOf(InvalidResourceIdException.class);
        assertThatThrownBy(() -> ssm.listTagsForResource(
                        r -> r.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId("/app/t")))
                .isInstanceOf(InvalidResourceTypeException.class);
    }

    // ---- labels ----

    @Test
    void labelsMoveBetweenVersionsAndInvalidOnesAreReported() {
        AWS.parameters().putString("/app/v", "1");
        AWS.parameters().putString("/app/v", "2");

        LabelParameterVersionResponse onOne = ssm.labelParameterVersion(
                r -> r.name("/app/v").parameterVersion(1L).labels("live", "aws-bad", "9x"));
        LabelParameterVersionResponse onLatest =
                ssm.labelParameterVersion(r -> r.name("/app/v").labels("live"));

        assertThat(onOne.parameterVersion()).isEqualTo(1L);
        assertThat(onOne.invalidLabels()).containsExactly("aws-bad", "9x");
        assertThat(onLatest.parameterVersion()).isEqualTo(2L);
        assertThat(ssm.getParameter(r -> r.name("/app/v:live")).parameter().value())
                .isEqualTo("2");
        assertThatThrownBy(() -> ssm.labelParameterVersion(
                        r -> r.name("/app/v").parameterVersion(5L).labels("x")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        assertThatThrownBy(() -> ssm.labelParameterVersion(r -> r.name("/app/v")
                        .labels("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10")
                        .parameterVersion(2L)))
                .isInstanceOf(ParameterVersionLabelLimitExceededException.class);
    }

    // ---- delete ----

    @Test
    void deleteRemovesAParameterAndDeleteParametersReportsTheMissingOnes() {
        AWS.parameters().putString("/app/a", "a");
        AWS.parameters().putString("/app/b", "b");
        AWS.parameters().putString("/app/c", "c");

        ssm.deleteParameter(r -> r.name("/app/a"));
        DeleteParametersResponse many = ssm.deleteParameters(r -> r.names("/app/b", "/app/nope", "/app/c"));

        assertThat(many.deletedParameters()).containsExactly("/app/b", "/app/c");
        assertThat(many.invalidParameters()).containsExactly("/app/nope");
        assertThat(AWS.parameters().names()).isEmpty();
        assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("/app/a")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    // ---- one endpoint ----

    @Test
    void secretsManagerAndParameterStoreAnswerOnTheSameEndpointWithTheirOwnState() {
        AWS.secrets().createSecret("shared-name", "from-secrets-manager");
        AWS.parameters().putString("shared-name", "from-parameter-store");

        assertThat(AWS.secretsManagerClient()
                        .getSecretValue(r -> r.secretId("shared-name"))
                        .secretString())
                .isEqualTo("from-secrets-manager");
        assertThat(ssm.getParameter(r -> r.name("shared-name")).parameter().value())
                .isEqualTo("from-parameter-store");
        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::service, RecordedRequest::operation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("secretsmanager", "GetSecretValue"),
                        org.assertj.core.groups.Tuple.tuple("ssm", "GetParameter"));
    }

    // ---- helpers ----

    static ParameterStringFilter filter(String key, String option, String value) {
        return ParameterStringFilter.builder()
                .key(key)
                .option(option)
                .values(value)
                .build();
    }

    private static List<String> names(GetParametersByPathResponse response) {
        return response.parameters().stream().map(Parameter::name).toList();
    }

    private static Map<String, String> values(GetParametersByPathResponse response) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        response.parameters().forEach(p -> out.put(p.name(), p.value()));
        return out;
    }

    private static List<String> metadataNames(DescribeParametersResponse response) {
        return response.parameters().stream().map(ParameterMetadata::name).toList();
    }
}
