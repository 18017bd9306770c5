package io.eso4j.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request the fake received, as kept in {@link FakeAws#requests()}: which operation, on what, by whom, and how
 * it ended. It holds no secret values, secret keys, session tokens or web identity tokens.
 *
 * @param time when the fake received it (from the fake's clock)
 * @param service {@code "secretsmanager"}, {@code "ssm"} (Parameter Store) or {@code "sts"}
 * @param operation the AWS operation name, e.g. {@code "GetSecretValue"}
 * @param resourceIds the secret ids named ({@code SecretId} or {@code SecretIdList}); for Parameter Store the
 *     names as sent ({@code Name}, {@code Names}, {@code ResourceId}) or the {@code Path}; the role ARN for STS
 * @param filters the {@code Filters} of a ListSecrets or BatchGetSecretValue call, or the {@code ParameterFilters}
 *     / {@code Filters} of a Parameter Store call (key and values; the option is not kept), in request order
 * @param accessKeyId the access key id from the request's signature, or null when unsigned
 * @param latency the latency injected before answering
 * @param errorCode the AWS error code answered, {@code "ConnectionReset"} when the connection was dropped, or
 *     null on success
 */
public record RecordedRequest(
        Instant time,
        String service,
        String operation,
        List<String> resourceIds,
        List<Filter> filters,
        String accessKeyId,
        Duration latency,
        String errorCode) {

    /** Copies the lists. */
    public RecordedRequest {
        Objects.requireNonNull(operation, "operation");
        resourceIds = List.copyOf(resourceIds);
        filters = List.copyOf(filters);
    }

    /** Whether the fake answered successfully. */
    public boolean succeeded() {
        return errorCode == null;
    }

    /**
     * One {@code Filter} of a list or batch request.
     *
     * @param key the filter key, e.g. {@code "name"}
     * @param values the values as sent, including any leading {@code !}
     */
    public record Filter(String key, List<String> values) {
        /** Copies the values. */
        public Filter {
            values = List.copyOf(values);
        }
    }
}
