package dev.credbroker.vaultsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move forward instead of sleeping, so TTLs and expiry are exact and fast. */
public final class SimClock extends Clock {
    private final AtomicReference<Instant> now;

    public SimClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static SimClock startingNow() {
        return new SimClock(Instant.now());
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /** Keeps the sim close to wall-clock time, as a real Vault would be, when no test drives it. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sim's clock is UTC only");
    }
}
