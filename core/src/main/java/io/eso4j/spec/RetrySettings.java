package io.eso4j.spec;

import java.time.Duration;

/**
 * ESO store {@code spec.retrySettings}.
 *
 * @param maxRetries maximum attempts of the SDK's standard retryer; {@code null} means ESO's default of 3
 * @param retryInterval fixed delay between attempts; {@code null} means the SDK's jittered exponential backoff
 */
public record RetrySettings(Integer maxRetries, Duration retryInterval) {}
