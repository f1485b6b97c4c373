package dev.credbroker.vaultsim.engine.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.SimRequest.Operation;
import dev.credbroker.vaultsim.engine.SimResponse;
import dev.credbroker.vaultsim.engine.TestMount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpEngineTest {

    private static final String VIEWER = "resource \"//cloudresourcemanager.googleapis.com/projects/demo\" "
            + "{ roles = [\"roles/viewer\"] }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GcpEngine sut = new GcpEngine();
    private TestMount mount;

    @BeforeEach
    void setUp() {
        mount = new TestMount("gcp", sut);
        mount.write("config", Map.of("credentials", "{\"type\": \"service_account\", \"project_id\": \"demo\"}"));
    }





    private void keyRoleset(String name) {
        mount.write("roleset/" + name, Map.of("project", "demo", "secret_type", "service_account_key", "bindings", VIEWER));
    }

    private void tokenRoleset(String name) {
        mount.write("roleset/" + name, Map.of("project", "demo", "secret_type", "access_token", "bindings", VIEWER,
                "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform")));
    }

    @Test
    void configReadShouldNeverReturnCredentials() {
        mount.write("config", Map.of("ttl", "30m", "max_ttl", "2h"));

        Map<String, Object> data = mount.read("config").data();

        assertEquals(Map.of("ttl", 1800L, "max_ttl", 7200L), data);
        assertEquals(400, mount.fails(Operation.UPDATE, "config", Map.of("credentials", "{not json")).status());
    }

    @Test
    void rolesetWriteShouldValidateLikeThePlugin() {
        assertEquals(List.of("project argument is required for new role set"),
                mount.fails(Operation.UPDATE, "roleset/x", Map.of("bindings", VIEWER, "token_scopes", "a")).errors());
        assertEquals(List.of("token_scopes must be provided for creating access token role set"),
                mount.fails(Operation.UPDATE, "roleset/x", Map.of("project", "demo", "bindings", VIEWER)).errors());
        assertEquals(List.of("bindings are required for new role set"),
                mount.fails(Operation.UPDATE, "roleset/x", Map.of("project", "demo", "secret_type", "service_account_key")).errors());
        assertEquals(List.of("invalid \"secret_type\" value: \"password\""),
                mount.fails(Operation.UPDATE, "roleset/x", Map.of("project", "demo", "secret_type", "password")).errors());
        assertTrue(mount.fails(Operation.UPDATE, "roleset/x", Map.of("project", "demo", "secret_type", "service_account_key",
                "bindings", "resource {")).errors().get(0).startsWith("unable to parse bindings: "));
    }

    @Test
    void rolesetReadShouldShowBindingsAndTheServiceAccount() {
        keyRoleset("deploy");

        Map<String, Object> data = mount.read("roleset/deploy").data();

        assertEquals("service_account_key", data.get("secret_type"));
        assertEquals(Map.of("//cloudresourcemanager.googleapis.com/projects/demo", List.of("roles/viewer")),
                data.get("bindings"));
        assertTrue(((String) data.get("service_account_email")).matches("vaultdeploy-\\d+@demo\\.iam\\.gserviceaccount\\.com"));
        assertEquals("demo", data.get("service_account_project"));
        assertEquals(Map.of("keys", List.of("deploy")), mount.call(Operation.LIST, "rolesets/", Map.of()).data());
    }

    @Test
    void rolesetTokenShouldBeUnleasedWithAnHourToLive() {
        tokenRoleset("ci");

        SimResponse r = mount.read("roleset/ci/token");

        assertTrue(r.lease().isEmpty());
        assertEquals(3600L, r.data().get("token_ttl"));
        String token = (String) r.data().get("token");
        assertTrue(token.startsWith("ya29."));
        assertEquals(3600L, r.data().get("token_ttl"));
        assertEquals(mount.now().plusSeconds(3600).getEpochSecond(), r.data().get("expires_at_seconds"));
        assertTrue(mount.cloud().isLive(GcpEngine.tokenId(token), mount.now()));
        mount.clock().advance(Duration.ofMinutes(61));
        assertFalse(mount.cloud().isLive(GcpEngine.tokenId(token), mount.now()));
    }

    @Test
    void rolesetKeyShouldBeALeasedCredentialsFileWithARealKey() throws Exception {
        mount.write("config", Map.of("ttl", "20m", "max_ttl", "4h"));
        keyRoleset("deploy");

        SimResponse r = mount.write("roleset/deploy/key", Map.of());

        assertEquals(new SimResponse.Lease(Duration.ofMinutes(20), Duration.ofHours(4), true), r.lease().orElseThrow());
        assertEquals("KEY_ALG_RSA_2048", r.data().get("key_algorithm"));
        assertEquals("TYPE_GOOGLE_CREDENTIALS_FILE", r.data().get("key_type"));
        JsonNode file = JSON.readTree(Base64.getDecoder().decode((String) r.data().get("private_key_data")));
        assertEquals("service_account", file.get("type").asText());
        assertEquals("demo", file.get("project_id").asText());
        assertEquals(mount.read("roleset/deploy").data().get("service_account_email"), file.get("client_email").asText());
        String keyId = file.get("private_key_id").asText();
        assertEquals(keyId, r.internal().get("private_key_id"));
        String pem = file.get("private_key").asText();
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertDoesNotThrow(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        assertTrue(mount.cloud().isLive(keyId, mount.now()));
    }

    @Test
    void keyTtlParameterShouldOverrideConfigAndBadAlgorithmsShouldFail() {
        keyRoleset("deploy");

        SimResponse r = mount.write("roleset/deploy/key", Map.of("ttl", "45m"));

        assertEquals(Duration.ofMinutes(45), r.lease().orElseThrow().ttl());
        assertEquals(List.of(GcpEngine.GOOGLE_BAD_REQUEST),
                mount.fails(Operation.UPDATE, "roleset/deploy/key", Map.of("key_algorithm", "KEY_ALG_EC")).errors());
    }

    @Test
    void secretTypeMismatchShouldFailWithThePluginsMessages() {
        keyRoleset("keys");
        tokenRoleset("tokens");

        VaultError token = mount.fails(Operation.READ, "roleset/keys/token", Map.of());
        assertEquals(400, token.status());
        assertEquals(List.of("role set 'keys' cannot generate access tokens (has secret type service_account_key)"),
                token.errors());
        assertEquals(List.of("role set \"tokens\" cannot generate service account keys (has secret type access_token)"),
                mount.fails(Operation.READ, "roleset/tokens/key", Map.of()).errors());
    }

    @Test
    void unknownRolesetShouldFailWithThePluginsMessage() {
        VaultError e = mount.fails(Operation.READ, "roleset/ghost/key", Map.of());

        assertEquals(400, e.status());
        assertEquals(List.of("role set \"ghost\" does not exists"), e.errors());
        assertEquals(List.of("static account \"ghost\" does not exists"),
                mount.fails(Operation.READ, "static-account/ghost/token", Map.of()).errors());
    }

    @Test
    void revokeShouldDeleteTheKey() {
        keyRoleset("deploy");
        SimResponse first = mount.read("roleset/deploy/key");
        SimResponse second = mount.read("roleset/deploy/key");

        sut.revoke(first.internal(), mount);

        assertFalse(mount.cloud().isLive((String) first.internal().get("private_key_id"), mount.now()));
        assertTrue(mount.cloud().isLive((String) second.internal().get("private_key_id"), mount.now()));
    }

    @Test
    void rebindingARolesetShouldReplaceItsServiceAccountAndKillOldKeys() {
        keyRoleset("deploy");
        String oldEmail = (String) mount.read("roleset/deploy").data().get("service_account_email");
        SimResponse key = mount.read("roleset/deploy/key");
        mount.clock().advance(Duration.ofSeconds(5));

        mount.write("roleset/deploy", Map.of("bindings", VIEWER.replace("roles/viewer", "roles/editor")));

        assertFalse(mount.cloud().isLive((String) key.internal().get("private_key_id"), mount.now()));
        assertFalse(oldEmail.equals(mount.read("roleset/deploy").data().get("service_account_email")));
        VaultError renew = assertThrows(VaultError.class, () -> sut.renew(key.internal(), Duration.ofMinutes(5), mount));
        assertEquals(List.of("role set 'deploy' bindings were updated since secret was generated, cannot renew"),
                renew.errors());
    }

    @Test
    void staticAccountShouldIssueKeysOrTokensForTheGivenServiceAccount() throws Exception {
        mount.write("static-account/sa", Map.of("service_account_email", "ci@other.iam.gserviceaccount.com",
                "secret_type", "service_account_key"));
        mount.write("static-account/tok", Map.of("service_account_email", "ci@other.iam.gserviceaccount.com",
                "token_scopes", "https://www.googleapis.com/auth/cloud-platform"));

        SimResponse key = mount.read("static-account/sa/key");
        JsonNode file = JSON.readTree(Base64.getDecoder().decode((String) key.data().get("private_key_data")));
        assertEquals("ci@other.iam.gserviceaccount.com", file.get("client_email").asText());
        assertEquals("other", file.get("project_id").asText());
        assertTrue(key.lease().orElseThrow().renewable());
        assertTrue(mount.read("static-account/tok/token").lease().isEmpty());
        assertEquals(List.of("email is required"),
                mount.fails(Operation.UPDATE, "static-account/x", Map.of("token_scopes", "s")).errors());
    }

    @Test
    void impersonatedAccountTokenShouldUseItsTtlCappedByConfigMaxTtl() {
        mount.write("impersonated-account/short", Map.of("service_account_email", "ci@demo.iam.gserviceaccount.com",
                "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform"), "ttl", "15m"));
        mount.write("impersonated-account/long", Map.of("service_account_email", "ci@demo.iam.gserviceaccount.com",
                "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform"), "ttl", "3h"));
        mount.write("config", Map.of("max_ttl", "1h"));

        assertEquals(900L, mount.write("impersonated-account/short/token", Map.of()).data().get("token_ttl"));
        SimResponse capped = mount.read("impersonated-account/long/token");
        assertTrue(capped.lease().isEmpty());
        assertEquals(3600L, capped.data().get("token_ttl"));
        assertEquals(List.of("non-empty token_scopes must be provided for generating secrets"),
                mount.fails(Operation.UPDATE, "impersonated-account/none", Map.of("service_account_email", "a@b.c")).errors());
    }

    @Test
    void writesShouldNeedCredentialsInConfig() {
        mount.storage().clear();

        VaultError e = mount.fails(Operation.UPDATE, "roleset/x", Map.of("project", "demo", "bindings", VIEWER,
                "token_scopes", "s"));

        assertEquals(400, e.status());
        assertTrue(e.errors().get(0).startsWith("google: could not find default credentials"));
    }

    @Test
    void unroutedPathsAndOperationsShouldFailLikeVault() {
        keyRoleset("deploy");

        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "impersonated-account/x/key", Map.of()).errors());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "roleset/deploy/key/extra", Map.of()).errors());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "roles/deploy", Map.of()).errors());
        assertEquals(List.of("unsupported operation"), mount.fails(Operation.DELETE, "roleset/deploy/key", Map.of()).errors());
        assertEquals(405, mount.fails(Operation.LIST, "roleset/deploy", Map.of()).status());
        assertTrue(mount.read("key/deploy").lease().isPresent()); // deprecated path still served
    }
}
