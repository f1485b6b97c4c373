package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.Durations;

import java.time.Duration;

/** Duration parameters of sys, token and auth paths: the engines' parser, with absence and 400s handled. */
public final class GoDuration {
    private GoDuration() {
    }

    /** @return {@code fallback} when the value is absent */
    public static Duration parse(Object value, Duration fallback) {
        if (value == null || "".equals(value)) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest(e.getMessage());
        }
    }
}
