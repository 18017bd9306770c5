package io.eso4j.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The fake's clock in these tests: the system clock shifted by an offset that a test moves forward. The SDK signs
 * and caches with the system clock, so the two stay within the fake's 15-minute signature window while the fake's
 * view of credential expiry can be moved at will.
 */
final class OffsetClock extends Clock {

    private volatile Duration offset;

    OffsetClock(Duration offset) {
        this.offset = offset;
    }

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
