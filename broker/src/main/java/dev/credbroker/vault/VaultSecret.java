package dev.credbroker.vault;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A secrets engine's answer. {@code data} holds credentials: {@link #toString()} never shows it.
 *
 * @param leaseId       {@code ""} when Vault created no lease (STS credentials, GCP access tokens)
 * @param leaseDuration the lease's TTL, or the credential's own TTL when Vault reports one without a lease
 */
public record VaultSecret(String leaseId, Duration leaseDuration, boolean renewable, Map<String, Object> data) {
    public VaultSecret {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public boolean leased() {
        return !leaseId.isEmpty();
    }

    @Override
    public String toString() {
        return "VaultSecret[leaseId=" + leaseId + ", leaseDuration=" + leaseDuration + ", renewable=" + renewable
                + ", data=<" + data.size() + " redacted fields>]";
    }
}
