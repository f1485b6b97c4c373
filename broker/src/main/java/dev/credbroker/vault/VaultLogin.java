package dev.credbroker.vault;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Vault token obtained for one phase. The token itself is a secret: it lives in memory only, is handed to
 * the run when a Vault provider configuration asks for it, and {@link #toString()} never shows it. The
 * accessor, address and namespace are not secret and are what the broker persists to revoke it later.
 */
public final class VaultLogin {
    private final URI address;
    private final Optional<String> namespace;
    private final String accessor;
    private final String token;
    private final Instant expiresAt;
    private final boolean renewable;
    private final List<String> policies;
    private final String runId;
    private final Optional<String> caCert;

    public VaultLogin(URI address, Optional<String> namespace, String accessor, String token, Instant expiresAt,
                      boolean renewable, List<String> policies, String runId, Optional<String> caCert) {
        this.address = Objects.requireNonNull(address, "address");
        this.namespace = namespace == null ? Optional.empty() : namespace;
        this.accessor = Objects.requireNonNull(accessor, "accessor");
        this.token = Objects.requireNonNull(token, "token");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.renewable = renewable;
        this.policies = List.copyOf(policies);
        this.runId = Objects.requireNonNull(runId, "runId");
        this.caCert = caCert == null ? Optional.empty() : caCert;
    }

    /** {@code TFC_VAULT_ENCODED_CACERT} of the configuration this login came from; a CA is not secret. */
    public Optional<String> caCert() {
        return caCert;
    }

    /** The run this token was obtained for; sent as the audited request header on every call. */
    public String runId() {
        return runId;
    }

    public URI address() {
        return address;
    }

    public Optional<String> namespace() {
        return namespace;
    }

    public String accessor() {
        return accessor;
    }

    /** The client token; for Vault requests and a Vault provider configuration's hand-out only. */
    public String token() {
        return token;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean renewable() {
        return renewable;
    }

    public List<String> policies() {
        return policies;
    }

    @Override
    public String toString() {
        return "VaultLogin[address=" + address + ", namespace=" + namespace.orElse("") + ", accessor=" + accessor
                + ", expiresAt=" + expiresAt + "]";
    }
}
