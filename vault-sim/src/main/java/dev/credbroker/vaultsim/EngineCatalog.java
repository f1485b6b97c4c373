package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.engine.SecretsEngine;

import java.util.Map;
import java.util.function.Supplier;

/** The secrets engine types {@code sys/mounts} can enable, like Vault's built-in plugin catalog. */
final class EngineCatalog {
    private EngineCatalog() {
    }

    static Map<String, Supplier<SecretsEngine>> builtIn() {
        return Map.of();
    }
}
