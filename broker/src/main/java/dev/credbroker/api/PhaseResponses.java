package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.phase.HeartbeatResult;
import dev.credbroker.phase.OpenedPhase;
import dev.credbroker.phase.PhaseView;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of {@code /v1/phases}. Only {@link Opened} carries credentials. */
public final class PhaseResponses {
    private PhaseResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Credential(String provider, String tag, Map<String, String> env, Map<String, String> files,
                             @JsonProperty("terraform_fields") Map<String, String> terraformFields,
                             @JsonProperty("expires_at") String expiresAt, boolean revocable,
                             @JsonProperty("usable_after") String usableAfter) {
        static Credential of(IssuedCredential c) {
            return new Credential(c.provider().id(), c.tag(), c.env(), c.files(), c.terraformFields(),
                    c.expiresAt().map(Instant::toString).orElse(null), c.revocable(),
                    c.usableAfter().map(Instant::toString).orElse(null));
        }

        @Override
        public String toString() {
            return "Credential[" + provider + ":" + tag + "]";
        }
    }

    @Serdeable
    public record Opened(@JsonProperty("phase_id") String phaseId, @JsonProperty("run_id") String runId,
                         String phase, @JsonProperty("expires_at") String expiresAt,
                         @JsonProperty("heartbeat_by") String heartbeatBy, List<Credential> credentials) {
        static Opened of(OpenedPhase opened) {
            return new Opened(opened.id(), opened.runId(), opened.phase(), opened.deadline().toString(),
                    opened.heartbeatBy().toString(),
                    opened.credentials().stream().map(Credential::of).toList());
        }

        @Override
        public String toString() {
            return "Opened[" + phaseId + "]";
        }
    }

    @Serdeable
    public record Heartbeat(@JsonProperty("phase_id") String phaseId, @JsonProperty("heartbeat_by") String heartbeatBy,
                            @JsonProperty("expires_at") String expiresAt, int renewed,
                            @JsonProperty("renewal_available") boolean renewalAvailable) {
        static Heartbeat of(HeartbeatResult r) {
            return new Heartbeat(r.phaseId(), r.nextHeartbeatBy().toString(), r.deadline().toString(), r.renewed(),
                    r.renewalHere());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Lease(@JsonProperty("lease_id") String leaseId, String provider, String tag,
                        @JsonProperty("expires_at") String expiresAt, @JsonProperty("revoked_at") String revokedAt,
                        @JsonProperty("revoke_reason") String revokeReason) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record VaultToken(String tag, String address, String accessor,
                             @JsonProperty("revoked_at") String revokedAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Status(@JsonProperty("phase_id") String phaseId, @JsonProperty("run_id") String runId,
                         String phase, String state, @JsonProperty("created_at") String createdAt,
                         @JsonProperty("heartbeat_at") String heartbeatAt, @JsonProperty("expires_at") String expiresAt,
                         @JsonProperty("closed_at") String closedAt, @JsonProperty("close_reason") String closeReason,
                         @JsonProperty("vault_tokens") List<VaultToken> vaultTokens, List<Lease> leases) {
        static Status of(PhaseView view) {
            return new Status(view.id(), view.runId(), view.phase(), view.state().name().toLowerCase(Locale.ROOT),
                    view.createdAt().toString(), view.heartbeatAt().toString(), view.deadline().toString(),
                    str(view.closedAt()), view.closeReason(),
                    view.vaultTokens().stream().map(t -> new VaultToken(t.tag(), t.address(), t.accessor(),
                            str(t.revokedAt()))).toList(),
                    view.leases().stream().map(l -> new Lease(l.leaseId(), l.provider(), l.tag(),
                            l.expiresAt().toString(), str(l.revokedAt()), l.revokeReason())).toList());
        }
    }

    private static String str(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
