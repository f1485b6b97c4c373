package dev.credbroker.variables;

/**
 * {@code TFC_VAULT_BACKED_GCP_*[_TAG]}.
 *
 * @param vaultName the roleset or static account, as {@link GcpAuthType#roleset()} says
 */
public record GcpPlan(String tag, VaultConfig vault, GcpAuthType authType, String mountPath, String vaultName)
        implements CredentialPlan {
    public static final String DEFAULT_MOUNT_PATH = "gcp";

    @Override
    public Provider provider() {
        return Provider.GCP;
    }
}
