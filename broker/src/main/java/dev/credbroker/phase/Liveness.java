package dev.credbroker.phase;

import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The one rule for how long a phase lives without a heartbeat, for the runner ({@code heartbeat_by}) and for the
 * reaper (which phases lapsed) alike. The open counts as the first heartbeat.
 */
@Singleton
public class Liveness {
    private final PhaseSettings settings;

    public Liveness(PhaseSettings settings) {
        this.settings = settings;
    }

    /** {@code heartbeat_by}: after this instant without another heartbeat, the reaper revokes the phase. */
    public Instant heartbeatBy(Instant lastHeartbeat) {
        return lastHeartbeat.plus(settings.heartbeatTimeout());
    }

    /** A phase (or an opening) whose last heartbeat is before this instant has lapsed at {@code now}. */
    public Instant lapsedBefore(Instant now) {
        return now.minus(settings.heartbeatTimeout());
    }
}
