package io.eso4j.provider.aws;

import io.eso4j.AwsCallListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reports each client execution to {@link AwsCallListener}s: the start time is kept in the execution's attributes,
 * the end reported from {@code afterExecution} (success) or {@code onExecutionFailure}. Stateless apart from the
 * listener list; thread-safe.
 */
final class CallTimingInterceptor implements ExecutionInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CallTimingInterceptor.class);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("eso4j.callStartedNanos");

    private final List<AwsCallListener> listeners;

    CallTimingInterceptor(List<AwsCallListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        report(attributes, true);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        report(attributes, false);
    }

    private void report(ExecutionAttributes attributes, boolean success) {
        Long started = attributes.getAttribute(STARTED);
        Duration latency = started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String name = operation == null ? "unknown" : operation;
        for (AwsCallListener listener : listeners) {
            try {
                listener.onCall(name, success, latency);
            } catch (RuntimeException e) {
                log.debug(
                        "AwsCallListener {} threw {}",
                        listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }
}
