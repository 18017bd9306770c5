package io.eso4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * eso4j's fixture format, read: a JSON object with a {@code remote} array of Secrets Manager secrets ({@code {name,
 * secretString | secretBinaryBase64, versionId?, versionStages?, tags?}}), a {@code parameters} array of Parameter
 * Store parameters ({@code {name, value, type?, keyId?, version?, labels?, tags?, description?}}; several entries
 * with one name are successive versions), a {@code certificates} array of ACM certificates ({@code {arn, certificate,
 * chain?, privateKey?, export?}}, {@code export} ENABLED (default), DISABLED or NO_OPTIONS), an optional {@code inject} ({@code {op, error}}, {@code op} one operation
 * or an array of them) and an optional {@code mockedApiResponse}. Other fields are ignored, so a conformance vector
 * is a fixture; a file holding an array of vectors needs the vector's {@code id}.
 */
record Fixture(
        List<SecretsEngine.SeedVersion> remote,
        List<ParameterEngine.SeedParameter> parameters,
        List<FakeCertificateManager.Certificate> certificates,
        List<String> injectOperations,
        String injectError,
        boolean mocked) {

    static Fixture read(ObjectMapper json, Path path, String vectorId) {
        try {
            return parse(json.readTree(Files.readAllBytes(path)), vectorId, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    static Fixture parse(JsonNode root, String vectorId, String source) {
        JsonNode fixture = root;
        if (root != null && root.isArray()) {
            if (vectorId == null) {
                throw new IllegalArgumentException(
                        "fixture " + source + " is an array of vectors: name the vector id to load");
            }
            fixture = null;
            for (JsonNode vector : root) {
                if (vectorId.equals(vector.path("id").asText(null))) {
                    fixture = vector;
                }
            }
            if (fixture == null) {
                throw new IllegalArgumentException("fixture " + source + " has no vector with id " + vectorId);
            }
        } else if (vectorId != null
                && (root == null || !vectorId.equals(root.path("id").asText(null)))) {
            throw new IllegalArgumentException("fixture " + source + " is not the vector " + vectorId);
        }
        if (fixture == null || !fixture.isObject()) {
            throw new IllegalArgumentException(
                    "fixture " + source + " must be a JSON object with a remote and/or parameters array");
        }
        List<SecretsEngine.SeedVersion> remote = new ArrayList<>();
        JsonNode entries = fixture.path("remote");
        if (!entries.isMissingNode() && !entries.isNull() && !entries.isArray()) {
            throw new IllegalArgumentException("fixture " + source + ": remote must be an array of secrets");
        }
        for (int i = 0; i < entries.size(); i++) {
            remote.add(entry(entries.get(i), source + " remote[" + i + "]"));
        }
        List<ParameterEngine.SeedParameter> parameters = new ArrayList<>();
        JsonNode parameterEntries = fixture.path("parameters");
        for (int i = 0; i < parameterEntries.size(); i++) {
            parameters.add(parameter(parameterEntries.get(i), source + " parameters[" + i + "]"));
        }
        List<FakeCertificateManager.Certificate> certificates = new ArrayList<>();
        JsonNode certificateEntries = fixture.path("certificates");
        for (int i = 0; i < certificateEntries.size(); i++) {
            certificates.add(certificate(certificateEntries.get(i), source + " certificates[" + i + "]"));
        }
        JsonNode inject = fixture.path("inject");
        List<String> ops = new ArrayList<>();
        if (inject.isObject()) {
            JsonNode op = inject.path("op");
            if (op.isArray()) {
                op.forEach(o -> ops.add(o.asText()));
            } else if (op.isTextual()) {
                ops.add(op.asText());
            }
        }
        String error = inject.isObject() ? inject.path("error").asText("") : null;
        return new Fixture(
                List.copyOf(remote),
                List.copyOf(parameters),
                List.copyOf(certificates),
                List.copyOf(ops),
                error,
                fixture.path("mockedApiResponse").asBoolean(false));
    }

    /** A fake ACM certificate: {@code arn}, {@code certificate} PEM, optional {@code chain}, {@code privateKey}. */
    private static FakeCertificateManager.Certificate certificate(JsonNode entry, String where) {
        String arn = entry.path("arn").asText("");
        if (!arn.startsWith("arn:aws:acm:") || !arn.contains(":certificate/")) {
            throw new IllegalArgumentException(where + ": arn must be an ACM certificate ARN");
        }
        String certificate = entry.path("certificate").asText("");
        if (certificate.isEmpty()) {
            throw new IllegalArgumentException(where + ": certificate is required");
        }
        FakeCertificateManager.Export export;
        try {
            export = FakeCertificateManager.Export.valueOf(entry.path("export").asText("ENABLED"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": export must be ENABLED, DISABLED or NO_OPTIONS");
        }
        return new FakeCertificateManager.Certificate(
                arn,
                certificate,
                entry.path("chain").asText(null),
                entry.path("privateKey").asText(null),
                export);
    }

    private static ParameterEngine.SeedParameter parameter(JsonNode entry, String where) {
        String name = entry.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(where + ": name is required");
        }
        if (!entry.hasNonNull("value") || entry.get("value").asText().isEmpty()) {
            throw new IllegalArgumentException(where + ": value is required and must not be empty");
        }
        String type = entry.path("type").asText("String");
        if (!List.of(ParameterEngine.STRING, ParameterEngine.STRING_LIST, ParameterEngine.SECURE_STRING)
                .contains(type)) {
            throw new IllegalArgumentException(where + ": type must be String, StringList or SecureString");
        }
        if (entry.hasNonNull("keyId") && !ParameterEngine.SECURE_STRING.equals(type)) {
            throw new IllegalArgumentException(where + ": keyId is only for SecureString");
        }
        Long version = null;
        if (entry.hasNonNull("version")) {
            if (!entry.get("version").canConvertToLong() || entry.get("version").asLong() < 1) {
                throw new IllegalArgumentException(where + ": version must be a number from 1");
            }
            version = entry.get("version").asLong();
        }
        List<String> labels = new ArrayList<>();
        entry.path("labels").forEach(label -> labels.add(label.asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        entry.path("tags")
                .properties()
                .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        try {
            ParameterEngine.validateName(name);
        } catch (ApiError e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        return new ParameterEngine.SeedParameter(
                name,
                entry.get("value").asText(),
                type,
                entry.path("keyId").asText(null),
                version,
                List.copyOf(labels),
                Map.copyOf(tags),
                entry.path("description").asText(null));
    }

    private static SecretsEngine.SeedVersion entry(JsonNode entry, String where) {
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException(where + ": must be an object with a name");
        }
        String name = entry.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(where + ": name is required");
        }
        if (entry.hasNonNull("secretString") && !entry.get("secretString").isTextual()) {
            // AWS's SecretString is a string; an object here would be stored as "" and mislead the test.
            throw new IllegalArgumentException(where + ": secretString must be a string (JSON text goes in quotes)");
        }
        String string =
                entry.hasNonNull("secretString") ? entry.get("secretString").asText() : null;
        byte[] binary = null;
        if (entry.hasNonNull("secretBinaryBase64")) {
            if (string != null) {
                throw new IllegalArgumentException(where + ": give secretString or secretBinaryBase64, not both");
            }
            try {
                binary = Base64.getDecoder()
                        .decode(entry.get("secretBinaryBase64").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": secretBinaryBase64 is not valid base64");
            }
        }
        List<String> stages = null;
        if (entry.has("versionStages")) {
            stages = new ArrayList<>();
            for (JsonNode stage : entry.get("versionStages")) {
                stages.add(stage.asText());
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        entry.path("tags")
                .properties()
                .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new SecretsEngine.SeedVersion(
                name, string, binary, entry.path("versionId").asText(null), stages, tags);
    }
}
