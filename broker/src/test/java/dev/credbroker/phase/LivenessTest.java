package dev.credbroker.phase;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivenessTest {
    private static final Instant BEAT = Instant.parse("2026-01-01T00:00:00Z");

    private static Liveness liveness(Duration timeout) {
        PhaseSettings d = PhaseSettings.defaults();
        return new Liveness(new PhaseSettings(timeout, d.maxDuration(), d.renewWithin(), d.renewIncrement(),
                d.claimDuration(), d.retryMin(), d.retryMax(), null));
    }

    @Test
    void heartbeatByIsTheLastHeartbeatPlusTheConfiguredTimeout() {
        assertEquals(BEAT.plusSeconds(90), liveness(Duration.ofSeconds(90)).heartbeatBy(BEAT));
        assertEquals(BEAT.plus(Duration.ofMinutes(5)), new Liveness(PhaseSettings.defaults()).heartbeatBy(BEAT));
    }

    /** The reaper's cut-off and the runner's heartbeat_by are one rule: lapsed exactly once heartbeat_by passed. */
    @Test
    void aPhaseLapsesOnlyAfterItsHeartbeatBy() {
        Liveness liveness = liveness(Duration.ofMinutes(5));
        Instant by = liveness.heartbeatBy(BEAT);
        assertFalse(BEAT.isBefore(liveness.lapsedBefore(by)), "not lapsed at heartbeat_by itself");
        assertTrue(BEAT.isBefore(liveness.lapsedBefore(by.plusMillis(1))), "lapsed just after it");
    }
}
