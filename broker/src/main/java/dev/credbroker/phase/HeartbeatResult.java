package dev.credbroker.phase;

import java.time.Instant;

/**
 * @param nextHeartbeatBy after this instant without a heartbeat, the reaper revokes the phase
 * @param renewed         leases (and tokens) renewed by this heartbeat
 * @param renewalHere     false when this instance does not hold the phase's token (another instance opened
 *                        it, or this one restarted): liveness is extended, leases keep their TTL
 */
public record HeartbeatResult(String phaseId, Instant nextHeartbeatBy, Instant deadline, int renewed,
                              boolean renewalHere) {
}
