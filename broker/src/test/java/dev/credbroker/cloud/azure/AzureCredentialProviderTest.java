package dev.credbroker.cloud.azure;

import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.variables.AzurePlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.vault.VaultRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.credbroker.cloud.TestPlans.NOW;
import static dev.credbroker.cloud.TestPlans.VAULT;
import static dev.credbroker.cloud.TestPlans.leased;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AzureCredentialProviderTest {
    private final AzureCredentialProvider sut = new AzureCredentialProvider();
    private static final Map<String, Object> DATA = Map.of("client_id", "cid", "client_secret", "csecret");

    private static AzurePlan plan(String tag) {
        return new AzurePlan(tag, VAULT, "azure", "contributor", Duration.ofSeconds(10));
    }

    @Test
    void requestShouldReadCreds() {
        assertEquals(VaultRequest.get("azure/creds/contributor"), sut.request(plan("")));
    }

    @Test
    void untaggedShouldGetArmEnvAndFiles() {
        IssuedCredential c = sut.credential(plan(""), leased(Duration.ofHours(1), DATA), NOW);
        assertEquals(Provider.AZURE, c.provider());
        assertEquals(Map.of("ARM_CLIENT_ID", "cid", "ARM_CLIENT_SECRET", "csecret"), c.env());
        assertEquals(Map.of("vault_backed_azure_client_id", "cid", "vault_backed_azure_client_secret", "csecret"),
                c.files());
        assertEquals(Map.of("client_id_file_path", "vault_backed_azure_client_id",
                "client_secret_file_path", "vault_backed_azure_client_secret"), c.terraformFields());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), c.expiresAt());
        assertTrue(c.revocable());
    }

    @Test
    void taggedShouldGetFilesAndFieldsButNoEnv() {
        IssuedCredential c = sut.credential(plan("EU"), leased(Duration.ofHours(1), DATA), NOW);
        assertEquals(Map.of(), c.env());
        assertEquals(Map.of("client_id_file_path", "vault_backed_azure_EU_client_id",
                "client_secret_file_path", "vault_backed_azure_EU_client_secret"), c.terraformFields());
        assertEquals("csecret", c.files().get("vault_backed_azure_EU_client_secret"));
    }

    @Test
    void tenantAndSubscriptionShouldNotBeInvented() {
        IssuedCredential c = sut.credential(plan(""), leased(Duration.ofHours(1), DATA), NOW);
        assertFalse(c.env().containsKey("ARM_TENANT_ID"));
        assertFalse(c.env().containsKey("ARM_SUBSCRIPTION_ID"));
    }

    @Test
    void missingClientSecretShouldFail() {
        assertThrows(MalformedVaultResponseException.class,
                () -> sut.credential(plan(""), leased(Duration.ofHours(1), Map.of("client_id", "cid")), NOW));
    }
}
