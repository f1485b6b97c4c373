package dev.credbroker.vaultsim;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import io.github.jopenlibs.vault.response.VaultResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unmodified Vault Java Driver against the sim: the calls the broker makes, and their failures. */
class VaultJavaDriverTest {
    private final SimFixture fx = new SimFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private Vault driver(String token) throws VaultException {
        VaultConfig config = new VaultConfig().address(fx.sim.address().toString())
                // Engine version 1: otherwise the driver rewrites every logical path for KV v2 (".../data/...").
                .engineVersion(1).openTimeout(5).readTimeout(5);
        if (token != null) {
            config.token(token);
        }
        return Vault.create(config.build());
    }

    @Test
    void healthLoginReadRenewAndRevoke() throws VaultException {
        assertEquals(200, driver(null).debug().health().getRestResponse().getStatus());

        AuthResponse login = driver(null).auth().loginByJwt("jwt", "plan",
                fx.issuer.token("plan", fx.sim.clock().instant()));
        String token = login.getAuthClientToken();
        assertTrue(token.startsWith("hvs."));
        assertTrue(login.getAuthLeaseDuration() > 0);

        LookupResponse self = driver(token).auth().lookupSelf();
        assertEquals(login.getTokenAccessor(), self.getAccessor());
        assertTrue(self.getPolicies().contains("run"));

        LogicalResponse secret = driver(token).logical().read("counting/leased");
        String leaseId = secret.getLeaseId();
        assertTrue(leaseId.startsWith("counting/leased/"));
        assertTrue(secret.getData().containsKey("secret"));

        VaultResponse renewed = driver(fx.root()).leases().renew(leaseId, 60);
        assertEquals(200, renewed.getRestResponse().getStatus());
        assertEquals(204, driver(fx.root()).leases().revoke(leaseId).getRestResponse().getStatus());
        assertFalse(fx.sim.leaseExists(leaseId));

        driver(token).auth().revokeSelf();
        VaultException gone = assertThrows(VaultException.class, () -> driver(token).auth().lookupSelf());
        assertEquals(403, gone.getHttpStatusCode());
    }

    @Test
    void aRefusedLoginSurfacesVaultsStatus() {
        VaultException refused = assertThrows(VaultException.class, () -> driver(null).auth()
                .loginByJwt("jwt", "plan", fx.issuer.token("apply", fx.sim.clock().instant())));
        assertEquals(400, refused.getHttpStatusCode());
        assertTrue(refused.getMessage().contains("does not match any associated bound claim values"));
    }
}
