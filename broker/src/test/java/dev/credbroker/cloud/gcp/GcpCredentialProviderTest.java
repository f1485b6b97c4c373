package dev.credbroker.cloud.gcp;

import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.variables.GcpAuthType;
import dev.credbroker.variables.GcpPlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.vault.VaultRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static dev.credbroker.cloud.TestPlans.NOW;
import static dev.credbroker.cloud.TestPlans.VAULT;
import static dev.credbroker.cloud.TestPlans.leased;
import static dev.credbroker.cloud.TestPlans.unleased;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpCredentialProviderTest {
    private static final String KEY_JSON = "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nabc\\n\"}";
    private static final String KEY_B64 = Base64.getEncoder().encodeToString(KEY_JSON.getBytes(StandardCharsets.UTF_8));
    private final GcpCredentialProvider sut = new GcpCredentialProvider();

    private static GcpPlan plan(String tag, GcpAuthType type) {
        return new GcpPlan(tag, VAULT, type, "gcp", "viewer");
    }

    @ParameterizedTest(name = "{0} → GET {1}")
    @CsvSource({
            "ROLESET_ACCESS_TOKEN, gcp/roleset/viewer/token",
            "ROLESET_SERVICE_ACCOUNT_KEY, gcp/roleset/viewer/key",
            "STATIC_ACCOUNT_ACCESS_TOKEN, gcp/static-account/viewer/token",
            "STATIC_ACCOUNT_SERVICE_ACCOUNT_KEY, gcp/static-account/viewer/key"})
    void requestShouldFollowTheAuthType(GcpAuthType type, String path) {
        assertEquals(VaultRequest.get(path), sut.request(plan("", type)));
    }

    @Test
    void untaggedTokenShouldGetOauthEnvAndExpireAtExpiresAtSeconds() {
        IssuedCredential c = sut.credential(plan("", GcpAuthType.ROLESET_ACCESS_TOKEN), unleased(Duration.ZERO,
                Map.of("token", "ya29.tok", "token_ttl", 3599, "expires_at_seconds", 1767229200L)), NOW);
        assertEquals(Provider.GCP, c.provider());
        assertEquals(Map.of("GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.tok"), c.env());
        assertEquals(Map.of(), c.files());
        assertEquals(Map.of("access_token", "ya29.tok"), c.terraformFields());
        assertEquals(Optional.of(Instant.ofEpochSecond(1767229200L)), c.expiresAt());
        assertFalse(c.revocable());
    }

    @Test
    void tokenWithoutExpiresAtShouldUseTokenTtl() {
        IssuedCredential c = sut.credential(plan("T", GcpAuthType.STATIC_ACCOUNT_ACCESS_TOKEN),
                unleased(Duration.ZERO, Map.of("token", "tok", "token_ttl", "3599")), NOW);
        assertEquals(Optional.of(NOW.plusSeconds(3599)), c.expiresAt());
        assertEquals(Map.of(), c.env());
        assertEquals(Map.of("access_token", "tok"), c.terraformFields());
        assertFalse(c.revocable());
    }

    @Test
    void untaggedKeyShouldBeDecodedIntoEnvAndFile() {
        IssuedCredential c = sut.credential(plan("", GcpAuthType.ROLESET_SERVICE_ACCOUNT_KEY),
                leased(Duration.ofHours(2), Map.of("private_key_data", KEY_B64, "key_algorithm", "KEY_ALG_RSA_2048",
                        "key_type", "TYPE_GOOGLE_CREDENTIALS_FILE")), NOW);
        assertEquals(Map.of("GOOGLE_CREDENTIALS", KEY_JSON), c.env());
        assertEquals(Map.of("vault_backed_gcp_credentials.json", KEY_JSON), c.files());
        assertEquals(Map.of("credentials", "vault_backed_gcp_credentials.json"), c.terraformFields());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(2))), c.expiresAt());
        assertTrue(c.revocable());
    }

    @Test
    void taggedKeyShouldGetFileAndFieldOnly() {
        IssuedCredential c = sut.credential(plan("PROD", GcpAuthType.STATIC_ACCOUNT_SERVICE_ACCOUNT_KEY),
                leased(Duration.ofHours(2), Map.of("private_key_data", KEY_B64)), NOW);
        assertEquals(Map.of(), c.env());
        assertEquals(Map.of("vault_backed_gcp_PROD_credentials.json", KEY_JSON), c.files());
        assertEquals(Map.of("credentials", "vault_backed_gcp_PROD_credentials.json"), c.terraformFields());
    }

    @Test
    void keyThatIsNotBase64JsonShouldFailWithoutEchoing() {
        var notBase64 = assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", GcpAuthType.ROLESET_SERVICE_ACCOUNT_KEY),
                leased(Duration.ofHours(1), Map.of("private_key_data", "%%%secretish")), NOW));
        assertFalse(notBase64.getMessage().contains("secretish"));
        String notJson = Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", GcpAuthType.ROLESET_SERVICE_ACCOUNT_KEY),
                leased(Duration.ofHours(1), Map.of("private_key_data", notJson)), NOW));
    }

    @Test
    void tokenWithBadExpiryShouldFail() {
        assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", GcpAuthType.ROLESET_ACCESS_TOKEN),
                unleased(Duration.ZERO, Map.of("token", "t", "expires_at_seconds", "soon")), NOW));
    }

    @Test
    void missingTokenShouldFail() {
        assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", GcpAuthType.ROLESET_ACCESS_TOKEN), unleased(Duration.ZERO, Map.of("token_ttl", 10)), NOW));
    }
}
