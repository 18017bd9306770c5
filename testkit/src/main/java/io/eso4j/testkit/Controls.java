package io.eso4j.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The fake's knobs that are not AWS state: injected latency, fault rules and deny rules. Thread-safe (concurrent
 * collections; a limited fault rule counts its remaining calls atomically).
 */
final class Controls {

    private final UnaryOperator<String> secretNames;
    private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();
    private final List<DenyRule> denies = new CopyOnWriteArrayList<>();
    private final Map<String, Duration> operationLatency = new ConcurrentHashMap<>();
    private volatile Duration latency;

    /**
     * @param secretNames maps a secret id (name, full or partial ARN) to the secret's name, or to null when no such
     *     secret exists; used to match rules written with a different form of id than the request
     */
    Controls(UnaryOperator<String> secretNames, Duration latency) {
        this.secretNames = secretNames;
        this.latency = latency;
    }

    private record ActiveFault(FaultRule rule, AtomicInteger remaining) {}

    /** What {@link FakeAws#reset()} restores. */
    record Snapshot(List<FaultRule> faults, List<DenyRule> denies, Map<String, Duration> opLatency, Duration latency) {}

    void inject(FaultRule rule) {
        faults.add(new ActiveFault(Objects.requireNonNull(rule, "rule"), new AtomicInteger(rule.times())));
    }

    void deny(DenyRule rule) {
        denies.add(Objects.requireNonNull(rule, "rule"));
    }

    void clearFaultsAndDenies() {
        faults.clear();
        denies.clear();
    }

    void latency(Duration latency) {
        this.latency = requireNonNegative(latency);
    }

    void latency(String operation, Duration latency) {
        operationLatency.put(Objects.requireNonNull(operation, "operation"), requireNonNegative(latency));
    }

    Duration latencyFor(String operation) {
        return operationLatency.getOrDefault(operation, latency);
    }

    /** The fault to inject into this call, consuming one use of a limited rule, or null. */
    FaultRule nextFault(String operation, List<String> secretIds) {
        for (ActiveFault active : faults) {
            FaultRule rule = active.rule();
            if (!rule.operations().isEmpty() && !rule.operations().contains(operation)) {
                continue;
            }
            if (!rule.secretIds().isEmpty() && !anySame(rule.secretIds(), secretIds)) {
                continue;
            }
            if (rule.times() < 0 || active.remaining().getAndDecrement() > 0) {
                return rule;
            }
        }
        return null;
    }

    /** Whether a deny rule forbids {@code operation} on any of {@code secretIds} (or at all) for the caller. */
    boolean denied(String operation, List<String> secretIds, String accessKeyId) {
        for (DenyRule rule : denies) {
            if (!rule.operationName().equals(operation)) {
                continue;
            }
            if (rule.accessKeyId() != null && !rule.accessKeyId().equals(accessKeyId)) {
                continue;
            }
            if (rule.secretIds().isEmpty() || anySame(rule.secretIds(), secretIds)) {
                return true;
            }
        }
        return false;
    }

    Snapshot snapshot() {
        List<FaultRule> rules = new ArrayList<>();
        faults.forEach(f -> rules.add(f.rule()));
        return new Snapshot(rules, List.copyOf(denies), Map.copyOf(operationLatency), latency);
    }

    void restore(Snapshot saved) {
        faults.clear();
        saved.faults().forEach(this::inject);
        denies.clear();
        denies.addAll(saved.denies());
        operationLatency.clear();
        operationLatency.putAll(saved.opLatency());
        latency = saved.latency();
    }

    private boolean anySame(java.util.Set<String> ruleIds, List<String> requestIds) {
        for (String requested : requestIds) {
            if (ruleIds.contains(requested)) {
                return true;
            }
            String name = secretNames.apply(requested);
            if (name == null) {
                continue;
            }
            for (String ruleId : ruleIds) {
                if (name.equals(ruleId) || name.equals(secretNames.apply(ruleId))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Duration requireNonNegative(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        return latency;
    }
}
