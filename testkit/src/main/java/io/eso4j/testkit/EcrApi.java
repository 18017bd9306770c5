package io.eso4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Elastic Container Registry's {@code GetAuthorizationToken} on the wire (awsJson1_1,
 * {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken}, signing name {@code ecr}): one
 * {@code authorizationData} entry with {@code authorizationToken}, {@code expiresAt} (epoch seconds) and
 * {@code proxyEndpoint}. Other operations are {@code UnknownOperationException}. Thread-safe.
 */
final class EcrApi implements JsonService {

    static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    static final String SIGNING_NAME = "ecr";

    private final ObjectMapper json;
    private final FakeEcr ecr;

    EcrApi(ObjectMapper json, FakeEcr ecr) {
        this.json = json;
        this.ecr = ecr;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public String internalErrorCode() {
        return "ServerException";
    }

    @Override
    public ObjectNode handle(String operation, JsonNode request, String accessKeyId) {
        return handle(operation, request, accessKeyId, null);
    }

    @Override
    public ObjectNode handle(String operation, JsonNode request, String accessKeyId, String region) {
        if (!operation.equals("GetAuthorizationToken")) {
            throw new ApiError(400, "UnknownOperationException", "Unknown operation " + operation);
        }
        FakeEcr.Token token = ecr.issue(accessKeyId, region);
        ObjectNode result = json.createObjectNode();
        ObjectNode data = result.putArray("authorizationData").addObject();
        data.put("authorizationToken", token.authorizationToken());
        data.put("expiresAt", token.expiresAt().getEpochSecond());
        data.put("proxyEndpoint", token.proxyEndpoint());
        return result;
    }
}
