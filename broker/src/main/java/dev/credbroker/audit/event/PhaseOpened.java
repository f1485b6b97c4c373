package dev.credbroker.audit.event;

import java.util.List;
import java.util.Map;

/** Credentials were handed to the run: each one with its lease and the accessor of the token that read it. */
public record PhaseOpened(String phaseId, Actor actor, List<String> accessors,
                          List<IssuedCredentialRecord> credentials) implements AuditEvent {
    public PhaseOpened {
        accessors = List.copyOf(accessors);
        credentials = List.copyOf(credentials);
    }

    @Override
    public String kind() {
        return "phase.opened";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("accessors", accessors, "credentials", credentials);
    }
}
