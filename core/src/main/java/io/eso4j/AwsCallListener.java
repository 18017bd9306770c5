package io.eso4j;

import java.time.Duration;

/**
 * Hears about every Secrets Manager call an AWS client eso4j builds makes (see {@link ExternalSecrets.Builder#awsCallListener}): the operation, its
 * outcome and its latency (the whole execution, SDK retries included). For metrics; it never sees secret ids,
 * values or error messages.
 *
 * <p>Called on the thread that made the call, so it must be fast, must not block and must be thread-safe. A
 * listener that throws is ignored for that call.
 */
@FunctionalInterface
public interface AwsCallListener {

    /**
     * One call finished.
     *
     * @param operation the API operation, for example {@code BatchGetSecretValue}
     * @param success whether it returned a response (a service error or an I/O failure is not a success)
     * @param latency from the start of the execution to its end, retries included
     */
    void onCall(String operation, boolean success, Duration latency);
}
