package io.eso4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One AWS service the fake serves with the JSON 1.1 protocol, chosen by the prefix of the request's
 * {@code X-Amz-Target} header ({@link FakeAwsHandler} keeps a map from prefix to service). The handler does the
 * signature, deny-rule, fault and latency work common to all of them; the service turns a request into a response.
 */
interface JsonService {

    /** The SigV4 signing name the credential scope must carry, also the {@link RecordedRequest#service()}. */
    String signingName();

    /** The error code this service answers a server-side failure with. */
    String internalErrorCode();

    /**
     * The resource ids a request names, for the request log and for fault and deny rules; by default none, for a
     * service whose requests name no resource.
     */
    default List<String> resourceIds(JsonNode request) {
        return List.of();
    }

    /** The list filters a request carries, for the request log; by default none, for a service that lists nothing. */
    default List<RecordedRequest.Filter> filters(JsonNode request) {
        return List.of();
    }

    /** How an access-denied message names a resource id of this service; by default the id itself (already an ARN). */
    default String resourceArn(String resourceId) {
        return resourceId;
    }

    /** Serves one operation; failures are {@link ApiError}s. */
    ObjectNode handle(String operation, JsonNode request, String accessKeyId);

    /**
     * Serves one operation for a request signed for {@code region} ({@code null} when unsigned); by default the
     * region does not matter.
     */
    default ObjectNode handle(String operation, JsonNode request, String accessKeyId, String region) {
        return handle(operation, request, accessKeyId);
    }

    /** Forgets paging tokens (on reset); by default nothing, for a service with no paging operation. */
    default void clearNextTokens() {}
}
