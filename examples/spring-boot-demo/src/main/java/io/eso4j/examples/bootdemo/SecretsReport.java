package io.eso4j.examples.bootdemo;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spring.ExternalSecretChangedEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs what the application loaded when it is ready, and every change eso4j reports afterwards: ExternalSecret,
 * key names, the version of {@code DB-CREDENTIALS} and each value masked. Keeps the changes for {@link
 * #awaitChange(Duration)}.
 *
 * <p>Thread-safe: change events arrive on eso4j's threads.
 */
@Component
class SecretsReport {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsReport.class);

    private final ExternalSecrets secrets;
    private final BlockingQueue<ExternalSecretChangedEvent> changes = new LinkedBlockingQueue<>();

    SecretsReport(ExternalSecrets secrets) {
        this.secrets = secrets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ResolvedSecret resolved = secrets.get(DemoController.EXTERNAL_SECRET);
        report("loaded " + resolved.name(), resolved.keys(), resolved);
    }

    @EventListener
    void changed(ExternalSecretChangedEvent event) {
        report("changed " + event.externalSecret(), event.changedKeys(), secrets.get(event.externalSecret()));
        changes.add(event);
    }

    /**
     * The next change reported, waiting at most {@code timeout}.
     *
     * @throws IllegalStateException when none arrives in time
     */
    ExternalSecretChangedEvent awaitChange(Duration timeout) throws InterruptedException {
        ExternalSecretChangedEvent event = changes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new IllegalStateException("no change of an ExternalSecret within " + timeout);
        }
        return event;
    }

    private static void report(String what, Collection<String> keys, ResolvedSecret resolved) {
        LOG.info("{}, keys {}", what, new TreeSet<>(keys));
        LOG.info(
                "  version of {}: {}",
                DemoController.REMOTE_SECRET,
                resolved.versions().get(DemoController.REMOTE_SECRET));
        for (String key : new TreeSet<>(resolved.keys())) {
            LOG.info("  {} = {}", key, Masks.mask(resolved.string(key).orElse("")));
        }
    }
}
