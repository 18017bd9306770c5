package io.eso4j.internal.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Static keys that follow their source (mounted Secret files, usually): re-read when they are older than the
 * re-read interval, and on demand when AWS rejected them ({@link #reloadAfterRejection()}), at most once per
 * second however many calls were rejected together. A failed re-read keeps the keys in use (a rotation may be half
 * written); the failure is logged at DEBUG by the source's message, which never holds a key.
 *
 * <p>Thread-safe.
 */
final class ReloadingStaticKeys implements AwsCredentialsProvider {

    private static final Logger log = LoggerFactory.getLogger(AwsAuth.class);
    private static final long COALESCE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Supplier<AwsCredentials> source;
    private final long intervalNanos;
    private final LongSupplier ticker;
    private final String description;
    private volatile AwsCredentials current;
    private long readAt;
    private long rejectedReloadAt;
    private boolean rejectedReloadChanged;

    /**
     * Reads the keys once now, so that a missing key fails at build time as before.
     *
     * @param interval re-read keys older than this on use; zero re-reads on every use
     * @param ticker nanoseconds, {@link System#nanoTime()} outside tests
     */
    ReloadingStaticKeys(Supplier<AwsCredentials> source, Duration interval, LongSupplier ticker, String description) {
        this.source = Objects.requireNonNull(source, "source");
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.description = description;
        this.current = source.get();
        this.readAt = ticker.getAsLong();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        synchronized (this) {
            long now = ticker.getAsLong();
            if (now - readAt >= intervalNanos) {
                reread(now);
            }
        }
        return current;
    }

    /**
     * After AWS rejected these keys: re-reads them (unless that was done within the last second) and tells whether
     * they changed, that is whether retrying the rejected call can help.
     */
    synchronized boolean reloadAfterRejection() {
        long now = ticker.getAsLong();
        if (rejectedReloadAt != 0 && now - rejectedReloadAt < COALESCE_NANOS) {
            return rejectedReloadChanged;
        }
        AwsCredentials before = current;
        reread(now);
        rejectedReloadAt = now;
        rejectedReloadChanged = !same(before, current);
        if (rejectedReloadChanged) {
            log.info("{}: AWS rejected the keys; re-read them from their source and found new ones", description);
        } else {
            log.debug("{}: AWS rejected the keys; their source still holds the same ones", description);
        }
        return rejectedReloadChanged;
    }

    private void reread(long now) {
        try {
            current = source.get();
        } catch (RuntimeException e) {
            log.debug("{}: re-reading the keys failed, keeping those in use: {}", description, e.getMessage());
        }
        readAt = now;
    }

    private static boolean same(AwsCredentials a, AwsCredentials b) {
        return a.accessKeyId().equals(b.accessKeyId()) && a.secretAccessKey().equals(b.secretAccessKey());
    }

    @Override
    public String toString() {
        return "ReloadingStaticKeys[" + description + "]";
    }
}
