package io.eso4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secrets Manager operations on the wire (awsJson1_1): reads a request's JSON members, applies them to the
 * {@link SecretsEngine} and builds the response with the model's exact member names. Thread-safe.
 */
final class SecretsManagerApi {

    private final ObjectMapper json;
    private final SecretsEngine engine;
    private final Controls controls;
    private final String accountId;
    private final Map<String, Integer> nextTokens = new ConcurrentHashMap<>();

    SecretsManagerApi(ObjectMapper json, SecretsEngine engine, Controls controls, String accountId) {
        this.json = json;
        this.engine = engine;
        this.controls = controls;
        this.accountId = accountId;
    }

    /** The secret ids a request names (for logging and rule matching). */
    static List<String> secretIds(JsonNode request) {
        List<String> ids = new ArrayList<>();
        JsonNode id = request.get("SecretId");
        if (id != null && id.isTextual()) {
            ids.add(id.asText());
        }
        JsonNode list = request.get("SecretIdList");
        if (list != null && list.isArray()) {
            list.forEach(n -> ids.add(n.asText()));
        }
        return ids;
    }

    /** The Filters a request carries, in order. */
    static List<RecordedRequest.Filter> filters(JsonNode request) {
        List<RecordedRequest.Filter> out = new ArrayList<>();
        JsonNode filters = request.get("Filters");
        if (filters != null && filters.isArray()) {
            for (JsonNode filter : filters) {
                List<String> values = new ArrayList<>();
                JsonNode valueNodes = filter.get("Values");
                if (valueNodes != null && valueNodes.isArray()) {
                    valueNodes.forEach(v -> values.add(v.asText()));
                }
                out.add(new RecordedRequest.Filter(text(filter, "Key"), values));
            }
        }
        return out;
    }

    void clearNextTokens() {
        nextTokens.clear();
    }

    ObjectNode handle(String operation, JsonNode request, String accessKeyId) {
        switch (operation) {
            case "GetSecretValue":
                return getSecretValue(request);
            case "BatchGetSecretValue":
                return batchGetSecretValue(request, accessKeyId);
            case "ListSecrets":
                return listSecrets(request);
            case "DescribeSecret":
                return describeSecret(request);
            case "CreateSecret":
                return createSecret(request);
            case "PutSecretValue":
                return putSecretValue(request);
            case "UpdateSecret":
                return updateSecret(request);
            case "UpdateSecretVersionStage":
                return updateSecretVersionStage(request);
            case "TagResource":
                engine.tag(text(request, "SecretId"), tags(request.get("Tags")));
                return json.createObjectNode();
            case "UntagResource":
                engine.untag(text(request, "SecretId"), strings(request.get("TagKeys")));
                return json.createObjectNode();
            case "DeleteSecret":
                return deleteSecret(request);
            case "RestoreSecret":
                SecretsEngine.WriteResult restored = engine.restore(text(request, "SecretId"));
                return arnAndName(restored.arn(), restored.name());
            default:
                throw ApiError.badRequest("UnknownOperationException", "Unknown operation " + operation);
        }
    }

    private ObjectNode getSecretValue(JsonNode request) {
        SecretsEngine.ValueView value =
                engine.getValue(text(request, "SecretId"), text(request, "VersionId"), text(request, "VersionStage"));
        return valueEntry(value);
    }

    private ObjectNode batchGetSecretValue(JsonNode request, String accessKeyId) {
        boolean hasIds = request.hasNonNull("SecretIdList");
        boolean hasFilters = request.hasNonNull("Filters");
        if (hasIds == hasFilters) {
            throw invalidParameter("Either SecretIdList or Filters must be provided, but not both.");
        }
        Integer maxResults = integer(request, "MaxResults");
        ObjectNode response = json.createObjectNode();
        ArrayNode values = response.putArray("SecretValues");
        ArrayNode errors = response.putArray("Errors");
        if (hasIds) {
            if (maxResults != null) {
                throw invalidParameter("MaxResults can only be used with Filters.");
            }
            List<String> ids = strings(request.get("SecretIdList"));
            if (ids.isEmpty() || ids.size() > 20) {
                throw invalidParameter("SecretIdList must contain between 1 and 20 secret ids.");
            }
            for (String id : ids) {
                addBatchEntry(id, accessKeyId, values, errors);
            }
            return response;
        }
        if (controls.denied("ListSecrets", List.of(), accessKeyId)) {
            throw accessDenied(accessKeyId, "ListSecrets", "*");
        }
        int pageSize = maxResults == null ? 20 : maxResults;
        if (pageSize < 1 || pageSize > 20) {
            throw invalidParameter("MaxResults must be between 1 and 20 when used with Filters.");
        }
        List<RecordedRequest.Filter> filters = filters(request);
        ListFilters.validate(filters);
        List<SecretsEngine.SecretView> matching = filtered(engine.list(false), filters);
        int start = startOffset(request);
        int end = Math.min(matching.size(), start + pageSize);
        for (SecretsEngine.SecretView secret : matching.subList(Math.min(start, end), end)) {
            addBatchEntry(secret.name(), accessKeyId, values, errors);
        }
        if (end < matching.size()) {
            response.put("NextToken", issueToken(end));
        }
        return response;
    }

    private void addBatchEntry(String id, String accessKeyId, ArrayNode values, ArrayNode errors) {
        if (controls.denied("GetSecretValue", List.of(id), accessKeyId)) {
            ApiError denied = accessDenied(accessKeyId, "GetSecretValue", id);
            errors.add(error(id, denied));
            return;
        }
        try {
            values.add(valueEntry(engine.getValue(id, null, null)));
        } catch (ApiError e) {
            errors.add(error(id, e));
        }
    }

    private ObjectNode error(String id, ApiError e) {
        ObjectNode error = json.createObjectNode();
        error.put("SecretId", id);
        error.put("ErrorCode", e.code());
        error.put("Message", e.getMessage());
        return error;
    }

    private ObjectNode listSecrets(JsonNode request) {
        Integer maxResults = integer(request, "MaxResults");
        int pageSize = maxResults == null ? 100 : maxResults;
        if (pageSize < 1 || pageSize > 100) {
            throw invalidParameter("MaxResults must be between 1 and 100.");
        }
        List<RecordedRequest.Filter> filters = filters(request);
        ListFilters.validate(filters);
        boolean includeDeleted = request.path("IncludePlannedDeletion").asBoolean(false);
        List<SecretsEngine.SecretView> matching = sorted(filtered(engine.list(includeDeleted), filters), request);
        int start = startOffset(request);
        int end = Math.min(matching.size(), start + pageSize);
        ObjectNode response = json.createObjectNode();
        ArrayNode list = response.putArray("SecretList");
        for (SecretsEngine.SecretView secret : matching.subList(Math.min(start, end), end)) {
            list.add(metadata(secret, "SecretVersionsToStages"));
        }
        if (end < matching.size()) {
            response.put("NextToken", issueToken(end));
        }
        return response;
    }

    private ObjectNode describeSecret(JsonNode request) {
        return metadata(engine.describe(text(request, "SecretId")), "VersionIdsToStages");
    }

    private ObjectNode createSecret(JsonNode request) {
        String name = text(request, "Name");
        if (name == null || name.isEmpty() || name.length() > 512) {
            throw invalidParameter("You must specify a Name between 1 and 512 characters.");
        }
        SecretsEngine.WriteResult created = engine.create(
                name,
                text(request, "Description"),
                text(request, "SecretString"),
                binary(request),
                tags(request.get("Tags")),
                text(request, "ClientRequestToken"));
        ObjectNode response = arnAndName(created.arn(), created.name());
        if (created.versionId() != null) {
            response.put("VersionId", created.versionId());
        }
        return response;
    }

    private ObjectNode putSecretValue(JsonNode request) {
        List<String> stages = request.hasNonNull("VersionStages") ? strings(request.get("VersionStages")) : null;
        SecretsEngine.WriteResult put = engine.putValue(
                text(request, "SecretId"),
                text(request, "SecretString"),
                binary(request),
                stages,
                text(request, "ClientRequestToken"));
        ObjectNode response = arnAndName(put.arn(), put.name());
        response.put("VersionId", put.versionId());
        ArrayNode stageNodes = response.putArray("VersionStages");
        put.stages().forEach(stageNodes::add);
        return response;
    }

    private ObjectNode updateSecret(JsonNode request) {
        SecretsEngine.WriteResult updated = engine.update(
                text(request, "SecretId"),
                text(request, "Description"),
                text(request, "SecretString"),
                binary(request),
                text(request, "ClientRequestToken"));
        ObjectNode response = arnAndName(updated.arn(), updated.name());
        if (updated.versionId() != null) {
            response.put("VersionId", updated.versionId());
        }
        return response;
    }

    private ObjectNode updateSecretVersionStage(JsonNode request) {
        SecretsEngine.WriteResult updated = engine.updateStage(
                text(request, "SecretId"),
                text(request, "VersionStage"),
                text(request, "MoveToVersionId"),
                text(request, "RemoveFromVersionId"));
        return arnAndName(updated.arn(), updated.name());
    }

    private ObjectNode deleteSecret(JsonNode request) {
        SecretsEngine.WriteResult deleted = engine.delete(
                text(request, "SecretId"),
                integer(request, "RecoveryWindowInDays"),
                request.path("ForceDeleteWithoutRecovery").asBoolean(false));
        ObjectNode response = arnAndName(deleted.arn(), deleted.name());
        putTime(response, "DeletionDate", deleted.deletionDate());
        return response;
    }

    // ---- response pieces ----

    private ObjectNode valueEntry(SecretsEngine.ValueView value) {
        ObjectNode node = arnAndName(value.arn(), value.name());
        node.put("VersionId", value.versionId());
        if (value.secretString() != null) {
            node.put("SecretString", value.secretString());
        }
        if (value.secretBinary() != null) {
            node.put("SecretBinary", Base64.getEncoder().encodeToString(value.secretBinary()));
        }
        ArrayNode stages = node.putArray("VersionStages");
        value.stages().forEach(stages::add);
        putTime(node, "CreatedDate", value.createdDate());
        return node;
    }

    private ObjectNode metadata(SecretsEngine.SecretView secret, String versionsMemberName) {
        ObjectNode node = arnAndName(secret.arn(), secret.name());
        if (secret.description() != null) {
            node.put("Description", secret.description());
        }
        putTime(node, "LastChangedDate", secret.lastChangedDate());
        putTime(node, "DeletedDate", secret.deletedDate());
        if (!secret.tags().isEmpty()) {
            ArrayNode tags = node.putArray("Tags");
            secret.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        ObjectNode versions = node.putObject(versionsMemberName);
        secret.versionsToStages().forEach((id, stages) -> {
            ArrayNode labels = versions.putArray(id);
            stages.forEach(labels::add);
        });
        putTime(node, "CreatedDate", secret.createdDate());
        return node;
    }

    private ObjectNode arnAndName(String arn, String name) {
        ObjectNode node = json.createObjectNode();
        node.put("ARN", arn);
        node.put("Name", name);
        return node;
    }

    /** Epoch seconds with a millisecond fraction, as AWS sends timestamps. */
    private static void putTime(ObjectNode node, String name, Instant time) {
        if (time != null) {
            node.set(name, new DecimalNode(BigDecimal.valueOf(time.toEpochMilli(), 3)));
        }
    }

    // ---- helpers ----

    private List<SecretsEngine.SecretView> filtered(
            List<SecretsEngine.SecretView> secrets, List<RecordedRequest.Filter> filters) {
        if (engine.unfilteredListing()) {
            return secrets; // the fixture describes a mocked response: no AWS-side filtering
        }
        List<SecretsEngine.SecretView> out = new ArrayList<>();
        for (SecretsEngine.SecretView secret : secrets) {
            if (ListFilters.matches(secret, filters)) {
                out.add(secret);
            }
        }
        return out;
    }

    private static List<SecretsEngine.SecretView> sorted(List<SecretsEngine.SecretView> secrets, JsonNode request) {
        String sortBy = text(request, "SortBy");
        if (sortBy == null) {
            return secrets;
        }
        Comparator<SecretsEngine.SecretView> order;
        switch (sortBy) {
            case "name":
                order = Comparator.comparing(SecretsEngine.SecretView::name);
                break;
            case "last-changed-date":
                order = Comparator.comparing(SecretsEngine.SecretView::lastChangedDate);
                break;
            case "created-date":
            case "last-accessed-date":
                order = Comparator.comparing(SecretsEngine.SecretView::createdDate);
                break;
            default:
                throw invalidParameter("Invalid SortBy value: " + sortBy);
        }
        if (!"asc".equals(text(request, "SortOrder"))) {
            order = order.reversed();
        }
        List<SecretsEngine.SecretView> out = new ArrayList<>(secrets);
        out.sort(order);
        return out;
    }

    private int startOffset(JsonNode request) {
        String token = text(request, "NextToken");
        if (token == null) {
            return 0;
        }
        Integer offset = nextTokens.get(token);
        if (offset == null) {
            throw ApiError.badRequest("InvalidNextTokenException", "The NextToken value is invalid.");
        }
        return offset;
    }

    private String issueToken(int offset) {
        String token = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        nextTokens.put(token, offset);
        return token;
    }

    private ApiError accessDenied(String accessKeyId, String operation, String resource) {
        String user = accessKeyId == null ? "anonymous" : accessKeyId;
        return ApiError.badRequest(
                "AccessDeniedException",
                "User: arn:aws:iam::" + accountId + ":user/" + user + " is not authorized to perform: secretsmanager:"
                        + operation + " on resource: " + resource + " with an explicit deny");
    }

    private static ApiError invalidParameter(String message) {
        return ApiError.badRequest("InvalidParameterException", message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw invalidParameter(field + " must be an integer.");
        }
        return value.asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Map<String, String> tags(JsonNode array) {
        Map<String, String> out = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode tag : array) {
                out.put(text(tag, "Key"), text(tag, "Value"));
            }
        }
        return out;
    }

    private static byte[] binary(JsonNode request) {
        String base64 = text(request, "SecretBinary");
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalidParameter("SecretBinary is not valid base64.");
        }
    }
}
