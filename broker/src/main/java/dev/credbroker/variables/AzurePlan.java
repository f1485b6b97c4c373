package dev.credbroker.variables;

import java.time.Duration;

/** {@code TFC_VAULT_BACKED_AZURE_*[_TAG]}. */
public record AzurePlan(String tag, VaultConfig vault, String mountPath, String vaultRole, Duration sleep)
        implements CredentialPlan {
    public static final String DEFAULT_MOUNT_PATH = "azure";

    @Override
    public Provider provider() {
        return Provider.AZURE;
    }
}
