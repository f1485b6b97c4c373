package dev.credbroker.vaultsim.engine.azure;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.SimRequest.Operation;
import dev.credbroker.vaultsim.engine.SimResponse;
import dev.credbroker.vaultsim.engine.TestMount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AzureEngineTest {

    private static final String READER = "[{\"role_name\": \"Reader\", \"scope\": \"/subscriptions/sub-1\"}]";

    private final AzureEngine sut = new AzureEngine();
    private TestMount mount;

    @BeforeEach
    void setUp() {
        mount = new TestMount("azure", sut);
    }





    private void configure() {
        mount.write("config", Map.of("subscription_id", "sub-1", "tenant_id", "tenant-1", "client_id", "root-client",
                "client_secret", "root-secret"));
    }

    @Test
    void configReadShouldOmitClientSecret() {
        configure();

        Map<String, Object> data = mount.read("config").data();

        assertEquals("sub-1", data.get("subscription_id"));
        assertEquals("tenant-1", data.get("tenant_id"));
        assertEquals("root-client", data.get("client_id"));
        assertFalse(data.containsKey("client_secret"));
        assertFalse(data.values().contains("root-secret"));
    }

    @Test
    void rolesAndCredsShouldFailWithoutConfigAsThePluginDoes() {
        VaultError role = mount.fails(Operation.UPDATE, "roles/demo", Map.of("azure_roles", READER));
        assertEquals(500, role.status());
        assertEquals(List.of("config is nil"), role.errors());
        assertEquals(500, mount.fails(Operation.READ, "creds/demo", Map.of()).status());
    }

    @Test
    void roleShouldStoreAzureRolesFromAJsonStringOrAList() {
        configure();
        mount.write("roles/demo", Map.of("ttl", "1h", "max_ttl", "2h", "azure_roles", READER));
        mount.write("roles/listed", Map.of("azure_roles", List.of(Map.of("role_id", "/x/roleDefinitions/abc", "scope", "/s"))));

        Map<String, Object> demo = mount.read("roles/demo").data();
        assertEquals(3600L, demo.get("ttl"));
        assertEquals(7200L, demo.get("max_ttl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> reader = ((List<Map<String, Object>>) demo.get("azure_roles")).get(0);
        assertEquals("Reader", reader.get("role_name"));
        assertEquals("/subscriptions/sub-1", reader.get("scope"));
        assertTrue(((String) reader.get("role_id")).startsWith("/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/"));
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = ((List<Map<String, Object>>) mount.read("roles/listed").data().get("azure_roles")).get(0);
        assertEquals("abc", listed.get("role_name"));
        assertEquals(Map.of("keys", List.of("demo", "listed")), mount.call(Operation.LIST, "roles/", Map.of()).data());
    }

    @Test
    void roleWriteShouldValidateLikeThePlugin() {
        configure();

        assertEquals(List.of("either Azure role definitions, group definitions, or an Application Object ID must be provided"),
                mount.fails(Operation.UPDATE, "roles/empty", Map.of("ttl", 60)).errors());
        assertEquals(List.of("ttl cannot be greater than max_ttl"),
                mount.fails(Operation.UPDATE, "roles/ttl", Map.of("ttl", "2h", "max_ttl", "1h", "azure_roles", READER)).errors());
        assertTrue(mount.fails(Operation.UPDATE, "roles/json", Map.of("azure_roles", "[{oops")).errors().get(0)
                .startsWith("error parsing Azure roles '[{oops'"));
        assertEquals(400, mount.fails(Operation.UPDATE, "roles/dup", Map.of("azure_roles",
                "[{\"role_name\":\"Reader\",\"scope\":\"/s\"},{\"role_name\":\"Reader\",\"scope\":\"/s\"}]")).status());
    }

    @Test
    void credsShouldBeLeasedWithTheRolesTtls() {
        configure();
        mount.write("roles/demo", Map.of("ttl", "30m", "max_ttl", 7200, "azure_roles", READER));

        SimResponse r = mount.read("creds/demo");

        String clientId = (String) r.data().get("client_id");
        UUID.fromString(clientId);
        assertEquals(40, ((String) r.data().get("client_secret")).length());
        assertEquals(new SimResponse.Lease(Duration.ofMinutes(30), Duration.ofHours(2), true), r.lease().orElseThrow());
        assertTrue(mount.cloud().isLive(clientId, mount.now()));
        assertEquals("azure-sp", mount.cloud().kindOf(clientId).orElseThrow());
        assertNotEquals(clientId, mount.read("creds/demo").data().get("client_id"));
    }

    @Test
    void credsShouldDefaultToAnHourWhenTheRoleSetsNoTtl() {
        configure();
        mount.write("roles/demo", Map.of("azure_roles", READER));

        SimResponse.Lease lease = mount.read("creds/demo").lease().orElseThrow();

        assertEquals(Duration.ofHours(1), lease.ttl());
        assertTrue(lease.renewable());
    }

    @Test
    void revokeShouldDeleteTheServicePrincipal() {
        configure();
        mount.write("roles/demo", Map.of("azure_roles", READER));
        SimResponse r = mount.read("creds/demo");

        sut.revoke(r.internal(), mount);

        assertFalse(mount.cloud().isLive((String) r.data().get("client_id"), mount.now()));
    }

    @Test
    void existingApplicationRoleShouldShareClientIdAndRevokeOnlyItsPassword() {
        configure();
        mount.write("roles/app", Map.of("application_object_id", "11111111-2222-3333-4444-555555555555"));
        SimResponse first = mount.read("creds/app");
        SimResponse second = mount.read("creds/app");

        assertEquals(first.data().get("client_id"), second.data().get("client_id"));
        sut.revoke(first.internal(), mount);

        assertFalse(mount.cloud().isLive((String) first.internal().get("key_id"), mount.now()));
        assertTrue(mount.cloud().isLive((String) second.internal().get("key_id"), mount.now()));
    }

    @Test
    void unknownRoleShouldFailWithThePluginsMessage() {
        configure();

        VaultError e = mount.fails(Operation.READ, "creds/ghost", Map.of());

        assertEquals(400, e.status());
        assertEquals(List.of("role 'ghost' does not exist"), e.errors());
    }

    @Test
    void roleNamesShouldBeCaseInsensitive() {
        configure();
        mount.write("roles/Demo", Map.of("azure_roles", READER));

        assertTrue(mount.read("creds/DEMO").lease().isPresent());
        assertEquals(Map.of("keys", List.of("demo")), mount.call(Operation.LIST, "roles", Map.of()).data());
    }

    @Test
    void unroutedPathsAndOperationsShouldFailLikeVault() {
        configure();
        mount.write("roles/demo", Map.of("azure_roles", READER));

        assertEquals(List.of("unsupported operation"), mount.fails(Operation.UPDATE, "creds/demo", Map.of()).errors());
        assertEquals(405, mount.fails(Operation.UPDATE, "creds/demo", Map.of()).status());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "creds/a/b", Map.of()).errors());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "sts/demo", Map.of()).errors());
        assertEquals(404, mount.fails(Operation.READ, "roles/none", Map.of()).status());
    }

    @Test
    void renewShouldResetToTheRolesTtl() {
        configure();
        mount.write("roles/demo", Map.of("ttl", "45m", "azure_roles", READER));
        SimResponse r = mount.read("creds/demo");

        assertEquals(Duration.ofMinutes(45), sut.renew(r.internal(), Duration.ofMinutes(5), mount));
    }
}
