package dev.credbroker.phase;

import dev.credbroker.store.SessionRow;

import java.util.List;

/** A phase just opened: its session and what it hands out. Holds credentials: never log it. */
public record OpenedPhase(SessionRow session, List<HandedCredential> credentials) {
    @Override
    public String toString() {
        return "OpenedPhase[" + session.id() + ", " + credentials.size() + " credentials]";
    }
}
