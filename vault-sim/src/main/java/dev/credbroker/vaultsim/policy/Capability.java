package dev.credbroker.vaultsim.policy;

import dev.credbroker.vaultsim.VaultError;

import java.util.Locale;

/** The capabilities a policy path grants; {@code deny} overrides everything on its path. */
public enum Capability {
    CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO, DENY;

    public static Capability parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest("failed to parse policy: invalid capability \"" + value + "\"");
        }
    }
}
