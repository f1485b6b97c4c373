package dev.credbroker.phase;

import dev.credbroker.store.SessionRow;

import java.time.Instant;
import java.util.List;

/** A phase just opened: its session, its first {@code heartbeat_by}, and what it hands out. Holds credentials: never log it. */
public record OpenedPhase(SessionRow session, Instant heartbeatBy, List<HandedCredential> credentials) {
    @Override
    public String toString() {
        return "OpenedPhase[" + session.id() + ", " + credentials.size() + " credentials]";
    }
}
