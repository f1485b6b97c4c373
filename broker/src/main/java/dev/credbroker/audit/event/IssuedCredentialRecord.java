package dev.credbroker.audit.event;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A credential handed out, as the audit trail knows it: where it came from and how it ends, never its value.
 *
 * @param leaseId  Vault's lease, none where Vault leases nothing (STS, GCP access tokens)
 * @param accessor the accessor of the phase's Vault token that read it
 * @param envNames the environment variable names handed to the run, sorted
 */
public record IssuedCredentialRecord(String provider, String tag, @Nullable String leaseId, String accessor,
                                     boolean revocable, @Nullable Instant expiresAt, List<String> envNames)
        implements JsonShaped {
    public IssuedCredentialRecord {
        envNames = envNames.stream().sorted().toList();
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("provider", provider, "tag", tag, "lease_id", leaseId, "accessor", accessor,
                "revocable", revocable, "expires_at", expiresAt, "env_names", envNames);
    }
}
