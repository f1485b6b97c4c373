package dev.credbroker.phase;

import dev.credbroker.cloud.IssuedCredential;

import java.time.Instant;
import java.util.List;

/**
 * A phase just opened and what it hands out. Holds credentials: never log it.
 *
 * @param deadline    the token's {@code exp} or the phase's maximum duration, whichever comes first
 * @param heartbeatBy the first heartbeat is due by then
 */
public record OpenedPhase(String id, String runId, String phase, Instant deadline, Instant heartbeatBy,
                          List<IssuedCredential> credentials) {
    public OpenedPhase {
        credentials = List.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "OpenedPhase[" + id + ", " + credentials.size() + " credentials]";
    }
}
