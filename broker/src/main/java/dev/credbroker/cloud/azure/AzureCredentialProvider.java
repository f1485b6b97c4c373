package dev.credbroker.cloud.azure;

import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CredentialFiles;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.VaultSecretData;
import dev.credbroker.variables.AzurePlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.variables.VaultPathSegments;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;

/**
 * Vault's Azure secrets engine: {@code GET <mount>/creds/<role>} → a service principal's
 * {@code client_id}/{@code client_secret} under a revocable lease.
 *
 * <p>Files {@code vault_backed_azure[_TAG]_client_id} and {@code …_client_secret} back the
 * {@code tfc_vault_backed_azure_dynamic_credentials} fields {@code client_id_file_path} and
 * {@code client_secret_file_path}. The default configuration also gets {@code ARM_CLIENT_ID} and
 * {@code ARM_CLIENT_SECRET}. Tenant and subscription are the user's own settings (HCP documents that the user
 * supplies them), so the broker sets neither.
 */
@Singleton
public class AzureCredentialProvider implements CloudCredentialProvider<AzurePlan> {
    static final String FILE_PREFIX = "vault_backed_azure";

    @Override
    public Class<AzurePlan> planType() {
        return AzurePlan.class;
    }

    @Override
    public VaultRequest request(AzurePlan plan) {
        return VaultRequest.get(VaultPathSegments.join(plan.mountPath(), "creds", plan.vaultRole()));
    }

    @Override
    public IssuedCredential credential(AzurePlan plan, VaultSecret secret, Instant now) {
        String path = request(plan).path();
        String clientId = VaultSecretData.required(secret, path, "client_id");
        String clientSecret = VaultSecretData.required(secret, path, "client_secret");

        String idFile = CredentialFiles.name(FILE_PREFIX, plan.tag(), "client_id");
        String secretFile = CredentialFiles.name(FILE_PREFIX, plan.tag(), "client_secret");
        Map<String, String> env = plan.tag().isEmpty()
                ? Map.of("ARM_CLIENT_ID", clientId, "ARM_CLIENT_SECRET", clientSecret)
                : Map.of();
        return new IssuedCredential(Provider.AZURE, plan.tag(), env,
                Map.of(idFile, clientId, secretFile, clientSecret),
                Map.of("client_id_file_path", idFile, "client_secret_file_path", secretFile),
                VaultSecretData.leaseExpiry(secret, now), true);
    }
}
