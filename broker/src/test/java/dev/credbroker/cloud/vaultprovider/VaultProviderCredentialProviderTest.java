package dev.credbroker.cloud.vaultprovider;

import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.variables.Provider;
import dev.credbroker.variables.VaultConfig;
import dev.credbroker.variables.VaultProviderPlan;
import dev.credbroker.vault.VaultRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static dev.credbroker.cloud.TestPlans.NOW;
import static dev.credbroker.cloud.TestPlans.VAULT;
import static dev.credbroker.cloud.TestPlans.unleased;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultProviderCredentialProviderTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private final VaultProviderCredentialProvider sut = new VaultProviderCredentialProvider();

    private static final VaultConfig TAGGED = new VaultConfig("OPS", URI.create("https://vault2.example.com"),
            Optional.of("admin/ops"), "jwt", "r", "vault.workload.identity",
            Optional.of(Base64.getMimeEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII))),
            Duration.ofSeconds(60));

    @Test
    void requestShouldLookUpSelf() {
        assertEquals(VaultRequest.get("auth/token/lookup-self"), sut.request(new VaultProviderPlan(VAULT)));
    }

    @Test
    void untaggedShouldGetVaultEnvTokenFileAndFields() {
        IssuedCredential c = sut.credential(new VaultProviderPlan(VAULT), unleased(Duration.ZERO, Map.of(
                "id", "hvs.token", "accessor", "acc", "ttl", 1200, "expire_time", "2026-01-01T00:20:00.123456+00:00")),
                NOW);
        assertEquals(Provider.VAULT, c.provider());
        assertEquals(Map.of("VAULT_ADDR", "https://vault.example.com:8200", "VAULT_TOKEN", "hvs.token"), c.env());
        assertEquals(Map.of("vault_token", "hvs.token"), c.files());
        assertEquals(Map.of("token_filename", "vault_token", "address", "https://vault.example.com:8200"),
                c.terraformFields());
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:20:00.123456Z")), c.expiresAt());
        assertTrue(c.revocable());
    }

    @Test
    void taggedShouldGetFilesNamespaceAndCaButNoEnv() {
        IssuedCredential c = sut.credential(new VaultProviderPlan(TAGGED),
                unleased(Duration.ZERO, Map.of("id", "hvs.t2", "ttl", 600)), NOW);
        assertEquals("OPS", c.tag());
        assertEquals(Map.of(), c.env());
        assertEquals(Map.of("vault_OPS_token", "hvs.t2", "vault_OPS_ca_cert.pem", PEM), c.files());
        assertEquals(Map.of("token_filename", "vault_OPS_token", "address", "https://vault2.example.com",
                "namespace", "admin/ops", "ca_cert_file", "vault_OPS_ca_cert.pem"), c.terraformFields());
        assertEquals(Optional.of(NOW.plusSeconds(600)), c.expiresAt());
    }

    @Test
    void untaggedWithNamespaceAndCaShouldExportThem() {
        VaultConfig untagged = new VaultConfig("", TAGGED.address(), TAGGED.namespace(), "jwt", "r",
                TAGGED.audience(), TAGGED.encodedCaCert(), TAGGED.clientTimeout());
        IssuedCredential c = sut.credential(new VaultProviderPlan(untagged),
                unleased(Duration.ZERO, Map.of("id", "hvs.t3")), NOW);
        assertEquals("admin/ops", c.env().get("VAULT_NAMESPACE"));
        assertEquals("vault_ca_cert.pem", c.env().get("VAULT_CACERT"));
        assertEquals(Optional.empty(), c.expiresAt());
    }

    @Test
    void missingTokenShouldFailWithoutEcho() {
        var e = assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                new VaultProviderPlan(VAULT), unleased(Duration.ZERO, Map.of("accessor", "acc")), NOW));
        assertTrue(e.getMessage().contains("id"));
    }

    @Test
    void badExpireTimeShouldFail() {
        assertThrows(MalformedVaultResponseException.class, () -> sut.credential(new VaultProviderPlan(VAULT),
                unleased(Duration.ZERO, Map.of("id", "t", "expire_time", "tomorrow")), NOW));
    }

    @Test
    void toStringShouldNotShowTheToken() {
        IssuedCredential c = sut.credential(new VaultProviderPlan(VAULT),
                unleased(Duration.ZERO, Map.of("id", "hvs.secret")), NOW);
        assertFalse(c.toString().contains("hvs.secret"));
    }
}
