package io.eso4j.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * When to inject which {@link Fault}: for some operations (model names such as {@code "GetSecretValue"}) and/or
 * some secret ids, for the next N matching calls or for every one. Immutable; each {@code with}-style method returns
 * a new rule. Register with {@link FakeAws#inject(FaultRule)}.
 *
 * <p>Defaults: every operation, every secret, always, and the fault's usual AWS message. A rule restricted to
 * secret ids matches a request naming one of them (as name, full or partial ARN) through {@code SecretId} or
 * {@code SecretIdList}; it never matches ListSecrets or a filter-based batch call. For Parameter Store the ids are
 * parameter names ({@code Name}, {@code Names}, {@code ResourceId}, in any selector or ARN form) or the
 * {@code Path} of a {@code GetParametersByPath}.
 *
 * <pre>{@code
 * fake.inject(FaultRule.of(Fault.THROTTLING).onOperations("BatchGetSecretValue").times(2));
 * }</pre>
 */
public final class FaultRule {

    private final Fault fault;
    private final Set<String> operations;
    private final Set<String> secretIds;
    private final int times;
    private final String message;

    private FaultRule(Fault fault, Set<String> operations, Set<String> secretIds, int times, String message) {
        this.fault = fault;
        this.operations = operations;
        this.secretIds = secretIds;
        this.times = times;
        this.message = message;
    }

    /** A rule injecting {@code fault} into every call until further restricted. */
    public static FaultRule of(Fault fault) {
        return new FaultRule(Objects.requireNonNull(fault, "fault"), Set.of(), Set.of(), -1, null);
    }

    /** Restricts the rule to these operations (AWS model names, e.g. {@code "GetSecretValue"}, {@code "AssumeRole"}). */
    public FaultRule onOperations(String... operations) {
        return new FaultRule(fault, Set.copyOf(Arrays.asList(operations)), secretIds, times, message);
    }

    /** Restricts the rule to requests naming one of these secrets (name, full ARN or partial ARN). */
    public FaultRule forSecretIds(String... secretIds) {
        return new FaultRule(fault, operations, Set.copyOf(Arrays.asList(secretIds)), times, message);
    }

    /** Limits the rule to the next {@code count} matching calls (default: every matching call). */
    public FaultRule times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new FaultRule(fault, operations, secretIds, count, message);
    }

    /** Replaces the fault's default error message (ignored for {@link Fault#CONNECTION_RESET}). */
    public FaultRule withMessage(String message) {
        return new FaultRule(fault, operations, secretIds, times, Objects.requireNonNull(message, "message"));
    }

    /** The fault injected. */
    public Fault fault() {
        return fault;
    }

    /** The operations the rule applies to; empty means all. */
    public Set<String> operations() {
        return operations;
    }

    /** The secret ids the rule applies to; empty means any request. */
    public Set<String> secretIds() {
        return secretIds;
    }

    /** How many calls the rule fails, or -1 for every matching call. */
    public int times() {
        return times;
    }

    /** The error message to send, or null for the fault's default. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "FaultRule[" + fault + ", operations=" + operations + ", secretIds=" + secretIds + ", times="
                + (times < 0 ? "always" : times) + "]";
    }
}
