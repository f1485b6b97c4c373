package dev.credbroker.issuer;

/**
 * What the orchestrator asks a workload token for. Unvalidated: any field may be null;
 * {@link TokenMinter#mint(MintRequest)} checks them and names the first bad one by its wire name.
 *
 * @param phase         {@code plan} or {@code apply}
 * @param ttlSeconds    lifetime; the configured default when null
 * @param subjectFormat {@code hcp} (default) or {@code otf}
 */
public record MintRequest(String runId, String organization, String project, String workspace,
                          String workspaceId, String organizationId, String projectId, String phase,
                          String audience, Long ttlSeconds, String subjectFormat) {
}
