package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.credbroker.issuer.MintRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /v1/issuer/tokens} body. Every field is checked by the minter, which names a bad one. */
@Serdeable
public record MintTokenBody(@Nullable @JsonProperty("run_id") String runId,
                            @Nullable @JsonProperty("organization") String organization,
                            @Nullable @JsonProperty("project") String project,
                            @Nullable @JsonProperty("workspace") String workspace,
                            @Nullable @JsonProperty("workspace_id") String workspaceId,
                            @Nullable @JsonProperty("organization_id") String organizationId,
                            @Nullable @JsonProperty("project_id") String projectId,
                            @Nullable @JsonProperty("phase") String phase,
                            @Nullable @JsonProperty("audience") String audience,
                            @Nullable @JsonProperty("ttl_seconds") Long ttlSeconds,
                            @Nullable @JsonProperty("subject_format") String subjectFormat) {

    MintRequest toRequest() {
        return new MintRequest(runId, organization, project, workspace, workspaceId, organizationId, projectId,
                phase, audience, ttlSeconds, subjectFormat);
    }
}
