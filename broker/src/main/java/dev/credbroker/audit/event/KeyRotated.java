package dev.credbroker.audit.event;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** The broker's issuer signs with another key now; Vault learns of it from the JWKS, published a period ahead. */
public record KeyRotated(String activeKid, String nextKid, @Nullable String retiredKid) implements AuditEvent {
    @Override
    public String kind() {
        return "issuer.key-rotated";
    }

    @Override
    public Outcome outcome() {
        return Outcome.SUCCESS;
    }

    @Override
    public Actor actor() {
        return Actor.BROKER;
    }

    @Override
    public String phaseId() {
        return null;
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("active_kid", activeKid, "next_kid", nextKid, "retired_kid", retiredKid);
    }
}
