package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.credbroker.phase.CredentialRefresher;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer to a refresh: {@code credentials} as {@code POST /v1/phases} gives them (one entry), so a runner reads
 * both alike. Carries credentials.
 */
@Serdeable
public record RefreshedCredentials(@JsonProperty("phase_id") String phaseId,
                                   @JsonProperty("heartbeat_by") String heartbeatBy,
                                   List<PhaseResponses.Credential> credentials) {
    static RefreshedCredentials of(CredentialRefresher.Refreshed refreshed) {
        return new RefreshedCredentials(refreshed.phaseId(), refreshed.nextHeartbeatBy().toString(),
                List.of(PhaseResponses.Credential.of(refreshed.credential())));
    }

    @Override
    public String toString() {
        return "RefreshedCredentials[" + phaseId + "]";
    }
}
