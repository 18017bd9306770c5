package io.eso4j.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The Parameter Store operations on the wire (awsJson1_1, {@code X-Amz-Target: AmazonSSM.<Op>}): reads a request's
 * JSON members, applies them to the {@link ParameterEngine} and builds the response with the model's exact member
 * names. Thread-safe.
 *
 * <p>Decrypting a SecureString is checked against deny rules for the pseudo-operation {@code "kms:Decrypt"},
 * matched on the key id or key ARN, as IAM checks {@code kms:Decrypt} separately from {@code ssm:GetParameter}.
 */
final class ParameterStoreApi implements JsonService {

    static final String TARGET_PREFIX = "AmazonSSM.";
    static final String SIGNING_NAME = "ssm";
    /** The pseudo-operation deny rules name to refuse decryption with a KMS key. */
    static final String KMS_DECRYPT = "kms:Decrypt";

    private static final int MAX_NAMES = 10;
    private static final int BY_PATH_MAX_RESULTS = 10;
    private static final int DESCRIBE_MAX_RESULTS = 50;
    private static final int DESCRIBE_DEFAULT_RESULTS = 10;

    private final ObjectMapper json;
    private final ParameterEngine engine;
    private final Controls controls;
    private final UnaryOperator<String> callerArn;
    private final Map<String, Integer> nextTokens = new ConcurrentHashMap<>();

    ParameterStoreApi(ObjectMapper json, ParameterEngine engine, Controls controls, UnaryOperator<String> callerArn) {
        this.json = json;
        this.engine = engine;
        this.controls = controls;
        this.callerArn = callerArn;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public String internalErrorCode() {
        return "InternalServerError";
    }

    @Override
    public List<String> resourceIds(JsonNode request) {
        List<String> ids = new ArrayList<>();
        for (String field : List.of("Name", "ResourceId", "Path")) {
            JsonNode id = request.get(field);
            if (id != null && id.isTextual()) {
                ids.add(id.asText());
            }
        }
        JsonNode names = request.get("Names");
        if (names != null && names.isArray()) {
            names.forEach(n -> ids.add(n.asText()));
        }
        return ids;
    }

    @Override
    public List<RecordedRequest.Filter> filters(JsonNode request) {
        List<RecordedRequest.Filter> out = new ArrayList<>();
        for (String field : List.of("ParameterFilters", "Filters")) {
            JsonNode filters = request.get(field);
            if (filters != null && filters.isArray()) {
                for (JsonNode filter : filters) {
                    out.add(new RecordedRequest.Filter(text(filter, "Key"), strings(filter.get("Values"))));
                }
            }
        }
        return out;
    }

    @Override
    public String resourceArn(String resourceId) {
        return resourceId.startsWith("arn:")
                ? resourceId
                : engine.arnFor(ParameterEngine.Selector.parse(resourceId).name());
    }

    @Override
    public void clearNextTokens() {
        nextTokens.clear();
    }

    @Override
    public ObjectNode handle(String operation, JsonNode request, String accessKeyId) {
        ParameterEngine.KmsCheck kms =
                (keyId, keyArn) -> !controls.denied(KMS_DECRYPT, List.of(keyId, keyArn), accessKeyId);
        switch (operation) {
            case "GetParameter":
                return getParameter(request, kms);
            case "GetParameters":
                return getParameters(request, kms);
            case "GetParametersByPath":
                return getParametersByPath(request, kms);
            case "DescribeParameters":
                return describeParameters(request);
            case "ListTagsForResource":
                requireParameterResource(request);
                return tagList(engine.tags(text(request, "ResourceId")));
            case "AddTagsToResource":
                requireParameterResource(request);
                engine.tag(text(request, "ResourceId"), tags(request.get("Tags")));
                return json.createObjectNode();
            case "RemoveTagsFromResource":
                requireParameterResource(request);
                engine.untag(text(request, "ResourceId"), strings(request.get("TagKeys")));
                return json.createObjectNode();
            case "PutParameter":
                return putParameter(request, accessKeyId);
            case "LabelParameterVersion":
                return labelParameterVersion(request);
            case "DeleteParameter":
                engine.delete(required(request, "Name"));
                return json.createObjectNode();
            case "DeleteParameters":
                return deleteParameters(request);
            default:
                throw ApiError.badRequest("UnknownOperationException", "Unknown operation " + operation);
        }
    }

    // ---- reads ----

    private ObjectNode getParameter(JsonNode request, ParameterEngine.KmsCheck kms) {
        ParameterEngine.ParameterView view =
                engine.get(required(request, "Name"), bool(request, "WithDecryption"), kms);
        ObjectNode response = json.createObjectNode();
        response.set("Parameter", parameter(view));
        return response;
    }

    private ObjectNode getParameters(JsonNode request, ParameterEngine.KmsCheck kms) {
        List<String> names = strings(request.get("Names"));
        requireNames(names);
        boolean decrypt = bool(request, "WithDecryption");
        ObjectNode response = json.createObjectNode();
        ArrayNode parameters = response.putArray("Parameters");
        ArrayNode invalid = response.putArray("InvalidParameters");
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                continue; // AWS answers a name asked twice once
            }
            try {
                parameters.add(parameter(engine.get(name, decrypt, kms)));
            } catch (ApiError e) {
                if (e.code().equals("ParameterNotFound") || e.code().equals("ParameterVersionNotFound")) {
                    invalid.add(name);
                } else {
                    throw e; // a KMS failure fails the whole call
                }
            }
        }
        return response;
    }

    private ObjectNode getParametersByPath(JsonNode request, ParameterEngine.KmsCheck kms) {
        String path = required(request, "Path");
        if (!path.startsWith("/")) {
            throw ParameterEngine.validation("The parameter doesn't meet the parameter name requirements. The"
                    + " parameter name must begin with a forward slash \"/\".");
        }
        int pageSize = pageSize(request, BY_PATH_MAX_RESULTS, BY_PATH_MAX_RESULTS);
        boolean recursive = bool(request, "Recursive");
        boolean decrypt = bool(request, "WithDecryption");
        List<Filter> filters = parameterFilters(request, true);
        String label = null;
        for (Filter filter : filters) {
            if (filter.key().equals("Label")) {
                label = filter.values().get(0);
            }
        }
        String base = normalisePath(path);
        List<String> names = new ArrayList<>();
        for (ParameterEngine.ParameterMetadata meta : engine.describe()) {
            if (underPath(meta.name(), base, recursive) && matchesAll(meta, filters)) {
                names.add(meta.name());
            }
        }
        int start = startOffset(request);
        int end = Math.min(names.size(), start + pageSize);
        ObjectNode response = json.createObjectNode();
        ArrayNode parameters = response.putArray("Parameters");
        for (String name : names.subList(Math.min(start, end), end)) {
            ParameterEngine.ParameterView view =
                    label == null ? engine.get(name, decrypt, kms) : engine.labelled(name, label, decrypt, kms);
            if (view != null) {
                parameters.add(parameter(view));
            }
        }
        if (end < names.size()) {
            response.put("NextToken", issueToken(end));
        }
        return response;
    }

    private ObjectNode describeParameters(JsonNode request) {
        if (request.hasNonNull("Filters") && request.hasNonNull("ParameterFilters")) {
            throw ParameterEngine.validation("You can use either Filters or ParameterFilters in a single request.");
        }
        int pageSize = pageSize(request, DESCRIBE_MAX_RESULTS, DESCRIBE_DEFAULT_RESULTS);
        List<Filter> filters =
                request.hasNonNull("Filters") ? legacyFilters(request) : parameterFilters(request, false);
        List<ParameterEngine.ParameterMetadata> matching = new ArrayList<>();
        for (ParameterEngine.ParameterMetadata meta : engine.describe()) {
            if (matchesAll(meta, filters)) {
                matching.add(meta);
            }
        }
        int start = startOffset(request);
        int end = Math.min(matching.size(), start + pageSize);
        ObjectNode response = json.createObjectNode();
        ArrayNode parameters = response.putArray("Parameters");
        for (ParameterEngine.ParameterMetadata meta : matching.subList(Math.min(start, end), end)) {
            parameters.add(metadata(meta));
        }
        if (end < matching.size()) {
            response.put("NextToken", issueToken(end));
        }
        return response;
    }

    // ---- writes ----

    private ObjectNode putParameter(JsonNode request, String accessKeyId) {
        String name = required(request, "Name");
        Map<String, String> tags = tags(request.get("Tags"));
        long version = engine.put(
                name,
                text(request, "Value"),
                text(request, "Type"),
                text(request, "KeyId"),
                text(request, "Description"),
                text(request, "Tier"),
                bool(request, "Overwrite"),
                tags,
                accessKeyId == null ? null : callerArn.apply(accessKeyId));
        ObjectNode response = json.createObjectNode();
        response.put("Version", version);
        response.put("Tier", engine.describe(name).tier());
        return response;
    }

    private ObjectNode labelParameterVersion(JsonNode request) {
        JsonNode version = request.get("ParameterVersion");
        if (version != null && !version.isNull() && !version.canConvertToLong()) {
            throw ParameterEngine.validation("ParameterVersion must be a number.");
        }
        ParameterEngine.LabelResult result = engine.label(
                required(request, "Name"),
                version == null || version.isNull() ? null : version.asLong(),
                strings(request.get("Labels")));
        ObjectNode response = json.createObjectNode();
        ArrayNode invalid = response.putArray("InvalidLabels");
        result.invalidLabels().forEach(invalid::add);
        response.put("ParameterVersion", result.version());
        return response;
    }

    private ObjectNode deleteParameters(JsonNode request) {
        List<String> names = strings(request.get("Names"));
        requireNames(names);
        List<String> deleted = new ArrayList<>();
        List<String> invalid = engine.deleteAll(names, deleted);
        ObjectNode response = json.createObjectNode();
        ArrayNode deletedNode = response.putArray("DeletedParameters");
        deleted.forEach(deletedNode::add);
        ArrayNode invalidNode = response.putArray("InvalidParameters");
        invalid.forEach(invalidNode::add);
        return response;
    }

    // ---- filters ----

    /** One ParameterStringFilter: key, option (defaulted) and values. */
    private record Filter(String key, String option, List<String> values) {}

    private List<Filter> parameterFilters(JsonNode request, boolean byPath) {
        List<Filter> out = new ArrayList<>();
        JsonNode filters = request.get("ParameterFilters");
        if (filters == null || !filters.isArray()) {
            return out;
        }
        for (JsonNode node : filters) {
            String key = text(node, "Key");
            if (key == null || key.isEmpty()) {
                throw ParameterEngine.validation("1 validation error detected: Value null at 'parameterFilters.key'"
                        + " failed to satisfy constraint: Member must not be null");
            }
            List<String> values = strings(node.get("Values"));
            String option = text(node, "Option");
            List<String> options;
            boolean tag = key.startsWith("tag:");
            switch (tag ? "tag:" : key) {
                case "Path":
                    options = List.of("Recursive", "OneLevel");
                    break;
                case "Name":
                    options = List.of("Equals", "BeginsWith", "Contains");
                    break;
                case "tag:":
                    options = List.of("Equals", "BeginsWith", "Contains");
                    break;
                case "Type":
                case "KeyId":
                case "DataType":
                case "Tier":
                case "tag-key":
                case "Label":
                    options = List.of("Equals");
                    break;
                default:
                    throw ParameterEngine.validation("The following filter key is not valid: " + key
                            + ". Valid filter keys include: [Path, Name, Type, KeyId, Tier, DataType, Label,"
                            + " tag-key, tag:{tagName}].");
            }
            boolean allowedHere =
                    byPath ? List.of("Type", "KeyId", "Label").contains(key) || tag : !key.equals("Label");
            if (!allowedHere) {
                throw ParameterEngine.validation("The following filter key is not valid: " + key
                        + ". Valid filter keys include: "
                        + (byPath
                                ? "[Type, KeyId, Label, tag:{tagName}]"
                                : "[Path, Name, Type, KeyId, Tier," + " DataType, tag-key, tag:{tagName}]")
                        + ".");
            }
            if (option == null) {
                option = key.equals("Path") ? "OneLevel" : "Equals";
            } else if (!options.contains(option)) {
                throw ParameterEngine.validation("The following filter option is not valid: " + option
                        + ". Valid options include: " + options + ".");
            }
            if (values.isEmpty() && !key.equals("tag-key") && !tag) {
                throw ParameterEngine.validation(
                        "The following filter values are missing : null for filter key " + key + ".");
            }
            if (key.equals("Path")) {
                for (String path : values) {
                    if (!path.startsWith("/")) {
                        throw ParameterEngine.validation("The parameter doesn't meet the parameter name requirements."
                                + " The parameter name must begin with a forward slash \"/\".");
                    }
                }
            }
            out.add(new Filter(key, option, values));
        }
        return out;
    }

    /** The deprecated {@code Filters} member: keys Name, Type, KeyId; values match exactly (Name: prefix). */
    private List<Filter> legacyFilters(JsonNode request) {
        List<Filter> out = new ArrayList<>();
        for (JsonNode node : request.get("Filters")) {
            String key = text(node, "Key");
            if (!List.of("Name", "Type", "KeyId").contains(key)) {
                throw ParameterEngine.validation("1 validation error detected: Value '" + key + "' at"
                        + " 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [Name, Type, KeyId]");
            }
            out.add(new Filter(key, key.equals("Name") ? "BeginsWith" : "Equals", strings(node.get("Values"))));
        }
        return out;
    }

    private static boolean matchesAll(ParameterEngine.ParameterMetadata meta, List<Filter> filters) {
        for (Filter filter : filters) {
            if (!matches(meta, filter)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(ParameterEngine.ParameterMetadata meta, Filter filter) {
        String key = filter.key();
        if (key.startsWith("tag:")) {
            String value = meta.tags().get(key.substring(4));
            if (value == null) {
                return false;
            }
            return filter.values().isEmpty()
                    || filter.values().stream().anyMatch(v -> compare(value, filter.option(), v));
        }
        switch (key) {
            case "Path":
                return filter.values().stream()
                        .anyMatch(p -> underPath(
                                meta.name(), normalisePath(p), filter.option().equals("Recursive")));
            case "Name":
                return filter.values().stream()
                        .anyMatch(v -> compare(meta.name(), filter.option(), v)
                                || (!v.startsWith("/") && compare(meta.name(), filter.option(), "/" + v)));
            case "Type":
                return filter.values().contains(meta.type());
            case "KeyId":
                return meta.keyId() != null && filter.values().contains(meta.keyId());
            case "DataType":
                return filter.values().contains(meta.dataType());
            case "Tier":
                return filter.values().contains(meta.tier());
            case "tag-key":
                return filter.values().stream().anyMatch(meta.tags()::containsKey);
            case "Label":
                return filter.values().stream().anyMatch(meta.labels()::contains);
            default:
                return false;
        }
    }

    private static boolean compare(String actual, String option, String value) {
        switch (option) {
            case "BeginsWith":
                return actual.startsWith(value);
            case "Contains":
                return actual.contains(value);
            default:
                return actual.equals(value);
        }
    }

    private static String normalisePath(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Whether a parameter lies under {@code path}: its direct children, or with {@code recursive} every level
     * below. A name without a leading slash sits at the root, as Parameter Store treats it.
     */
    static boolean underPath(String name, String path, boolean recursive) {
        String full = name.startsWith("/") ? name : "/" + name;
        String prefix = path.equals("/") ? "/" : path + "/";
        if (!full.startsWith(prefix) || full.length() == prefix.length()) {
            return false;
        }
        return recursive || full.indexOf('/', prefix.length()) < 0;
    }

    // ---- response pieces ----

    private ObjectNode parameter(ParameterEngine.ParameterView view) {
        ObjectNode node = json.createObjectNode();
        node.put("ARN", view.arn());
        node.put("DataType", view.dataType());
        putTime(node, "LastModifiedDate", view.lastModified());
        node.put("Name", view.name());
        if (view.selector() != null) {
            node.put("Selector", view.selector());
        }
        node.put("Type", view.type());
        node.put("Value", view.value());
        node.put("Version", view.version());
        return node;
    }

    private ObjectNode metadata(ParameterEngine.ParameterMetadata meta) {
        ObjectNode node = json.createObjectNode();
        node.put("ARN", meta.arn());
        node.put("DataType", meta.dataType());
        if (meta.description() != null) {
            node.put("Description", meta.description());
        }
        if (meta.keyId() != null) {
            node.put("KeyId", meta.keyId());
        }
        putTime(node, "LastModifiedDate", meta.lastModified());
        if (meta.lastModifiedUser() != null) {
            node.put("LastModifiedUser", meta.lastModifiedUser());
        }
        node.put("Name", meta.name());
        node.putArray("Policies");
        node.put("Tier", meta.tier());
        node.put("Type", meta.type());
        node.put("Version", meta.version());
        return node;
    }

    private ObjectNode tagList(Map<String, String> tags) {
        ObjectNode response = json.createObjectNode();
        ArrayNode list = response.putArray("TagList");
        tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return response;
    }

    private static void putTime(ObjectNode node, String name, Instant time) {
        if (time != null) {
            node.set(name, new DecimalNode(BigDecimal.valueOf(time.toEpochMilli(), 3)));
        }
    }

    // ---- helpers ----

    private static void requireParameterResource(JsonNode request) {
        String type = text(request, "ResourceType");
        if (type == null) {
            throw ParameterEngine.validation("1 validation error detected: Value null at 'resourceType' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        if (!type.equals("Parameter")) {
            throw ApiError.badRequest(
                    "InvalidResourceType",
                    "The resource type " + type + " isn't supported by this fake; only Parameter is.");
        }
        required(request, "ResourceId");
    }

    private static void requireNames(List<String> names) {
        if (names.isEmpty()) {
            throw ParameterEngine.validation("1 validation error detected: Value '[]' at 'names' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 1");
        }
        if (names.size() > MAX_NAMES) {
            throw ParameterEngine.validation("1 validation error detected: Value at 'names' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 10");
        }
    }

    private static int pageSize(JsonNode request, int max, int defaultSize) {
        JsonNode node = request.get("MaxResults");
        if (node == null || node.isNull()) {
            return defaultSize;
        }
        if (!node.canConvertToInt()) {
            throw ParameterEngine.validation("MaxResults must be a number.");
        }
        int value = node.asInt();
        if (value < 1) {
            throw ParameterEngine.validation("1 validation error detected: Value '" + value + "' at 'maxResults'"
                    + " failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (value > max) {
            throw ParameterEngine.validation("1 validation error detected: Value '" + value + "' at 'maxResults'"
                    + " failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return value;
    }

    private int startOffset(JsonNode request) {
        String token = text(request, "NextToken");
        if (token == null) {
            return 0;
        }
        Integer offset = nextTokens.get(token);
        if (offset == null) {
            throw ApiError.badRequest("InvalidNextToken", "The specified token isn't valid.");
        }
        return offset;
    }

    private String issueToken(int offset) {
        String token = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(US_ASCII));
        nextTokens.put(token, offset);
        return token;
    }

    private static String required(JsonNode request, String field) {
        String value = text(request, field);
        if (value == null || value.isEmpty()) {
            String member = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            throw ParameterEngine.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static boolean bool(JsonNode request, String field) {
        return request.path(field).asBoolean(false);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
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
}
