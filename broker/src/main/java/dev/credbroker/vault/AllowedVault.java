package dev.credbroker.vault;

import dev.credbroker.variables.VaultConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's Vault configuration that passed the allow-list (invariant 5, docs/INVARIANTS.md), with the
 * target it names. Only {@link VaultTargets#check} makes one and a login takes nothing else, so the check
 * happens once per configuration, before any Vault call, and no login can skip it.
 */
public final class AllowedVault {
    private final VaultConfig config;
    private final VaultTarget target;

    AllowedVault(VaultConfig config, VaultTarget target) {
        this.config = Objects.requireNonNull(config, "config");
        this.target = Objects.requireNonNull(target, "target");
    }

    public VaultConfig config() {
        return config;
    }

    public VaultTarget target() {
        return target;
    }

    /** The workspace's {@code TFC_VAULT_ENCODED_CACERT} if it names one, else the target's {@code ca-cert-file}. */
    public Optional<String> caCert() {
        return config.encodedCaCert().or(target::encodedCaCert);
    }

    @Override
    public String toString() {
        return "AllowedVault[" + config.address() + " as target " + target.getName() + "]";
    }
}
