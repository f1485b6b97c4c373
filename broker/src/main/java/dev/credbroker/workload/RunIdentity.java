package dev.credbroker.workload;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, as proven by a verified workload token. Holds no secret: every field may be logged,
 * audited and stored.
 *
 * @param issuer    {@code iss}
 * @param subject   {@code sub}
 * @param jti       {@code jti}, the key of one-token-one-phase
 * @param runId     {@code terraform_run_id}
 * @param phase     {@code terraform_run_phase}; the only source of the PLAN/APPLY choice
 * @param audiences {@code aud}, as a list whether the token carried a string or an array
 */
public record RunIdentity(String issuer, String subject, String jti, String runId, RunPhase phase,
                          String organization, Optional<String> project, String workspace,
                          Optional<String> workspaceId, List<String> audiences,
                          Instant issuedAt, Instant expiresAt) {
    public RunIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(expiresAt, "expiresAt");
        audiences = List.copyOf(audiences);
        project = project == null ? Optional.empty() : project;
        workspaceId = workspaceId == null ? Optional.empty() : workspaceId;
    }
}
