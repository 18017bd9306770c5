package io.eso4j.internal.engine;

import io.eso4j.AwsCallListener;
import io.eso4j.AwsClients;
import io.eso4j.SecretListener;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.mapping.TemplateRenderer;
import io.eso4j.refresh.Backoff;
import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.TemplateSources;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What {@link io.eso4j.ExternalSecrets.Builder} hands to the engine when it builds: the builder's settings, copied. Nullable
 * components: {@code endpoint}, {@code credentials}, {@code scheduler}, {@code
 * listenerExecutor} (the engine builds its own), {@code templateRenderer} (the real Go template engine) and {@code templateSources} (the ConfigMap and Secret
 * documents loaded with the manifests).
 */
public record EngineSettings(
        Manifests manifests,
        SecretKeyResolver secretKeyResolver,
        AuthOptions authOptions,
        URI endpoint,
        AwsCredentialsProvider credentials,
        AwsClients awsClients,
        List<AwsCallListener> callListeners,
        Clock clock,
        ScheduledExecutorService scheduler,
        Executor listenerExecutor,
        List<SecretListener> listeners,
        RefreshFailurePolicy failurePolicy,
        Backoff backoff,
        double jitter,
        Duration coalesceWindow,
        int fetchConcurrency,
        int listenerQueueCapacity,
        TemplateRenderer templateRenderer,
        TemplateSources templateSources) {

    public EngineSettings {
        callListeners = List.copyOf(callListeners);
        listeners = List.copyOf(listeners);
    }
}
