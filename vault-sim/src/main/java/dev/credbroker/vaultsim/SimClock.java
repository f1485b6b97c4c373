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
    private final boolean ticking;
    private final long startNanos = System.nanoTime();

    private SimClock(Instant start, boolean ticking) {
        this.now = new AtomicReference<>(start);
        this.ticking = ticking;
    }

    public SimClock(Instant start) {
        this(start, false);
    }

    /** Stands still unless advanced: TTLs in tests come out exact. */
    public static SimClock startingNow() {
        return new SimClock(Instant.now(), false);
    }

    /** Follows wall-clock time, plus whatever it was advanced by: for the demo and long-running use. */
    public static SimClock ticking() {
        return new SimClock(Instant.now(), true);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        Instant base = now.get();
        return ticking ? base.plusNanos(System.nanoTime() - startNanos) : base;
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
