package dev.credbroker.vaultsim.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MountContext} for engine unit tests: a clock tests advance by hand, in-memory storage, a fake cloud. */
public final class TestMount implements MountContext {

    /** A clock that stands still until {@link #advance} is called. */
    public static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    private final String path;
    private final ManualClock clock = new ManualClock(START);
    private final Map<String, Object> storage = new ConcurrentHashMap<>();
    private final FakeCloud cloud = new FakeCloud();

    public TestMount(String path) {
        this.path = path;
    }

    @Override
    public String mountPath() {
        return path;
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    @Override
    public Map<String, Object> storage() {
        return storage;
    }

    @Override
    public FakeCloud cloud() {
        return cloud;
    }

    public Instant now() {
        return clock.instant();
    }
}
