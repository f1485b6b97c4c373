package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp.Reply;
import dev.credbroker.vaultsim.testengine.CountingEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lease behaviour from Vault's lease concept page and sys/leases API page, checked on the sim only (a real
 * Vault would need a cloud-backed engine to hand out leases).
 */
class SimLeaseTest {
    private final SimFixture fx = new SimFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private Reply read(String path, String token) {
        return fx.vault.get(path, token);
    }

    @Test
    void aLeasedSecretCarriesALeaseIdUnderItsRequestPath() {
        Reply secret = read("counting/leased", fx.phaseToken());
        assertEquals(200, secret.status());
        String leaseId = (String) secret.body().get("lease_id");
        assertTrue(leaseId.startsWith("counting/leased/"), leaseId);
        assertEquals(600, ((Number) secret.body().get("lease_duration")).intValue());
        assertEquals(true, secret.body().get("renewable"));
        assertTrue(fx.sim.leaseExists(leaseId));
    }

    @Test
    void anUnleasedSecretHasAnEmptyLeaseIdAndItsTtl() {
        Reply secret = fx.vault.write("counting/sts", fx.phaseToken(), Map.of());
        assertEquals("", secret.body().get("lease_id"));
        assertEquals(900, ((Number) secret.body().get("lease_duration")).intValue());
        assertEquals(false, secret.body().get("renewable"));
    }

    @Test
    void lookupShowsTheLeaseAndItsTtl() {
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/leased", token).body().get("lease_id");
        Reply lookup = fx.vault.put("sys/leases/lookup", token, Map.of("lease_id", leaseId));
        assertEquals(200, lookup.status());
        assertEquals(leaseId, lookup.data().get("id"));
        assertEquals(600, ((Number) lookup.data().get("ttl")).intValue());
    }

    @Test
    void renewalIsCappedAtTheLeasesMaxTtl() {
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/leased", token).body().get("lease_id");
        fx.sim.clock().advance(Duration.ofMinutes(5));
        Reply renewed = fx.vault.put("sys/leases/renew", token, Map.of("lease_id", leaseId, "increment", 3600));
        assertEquals(200, renewed.status());
        assertEquals(leaseId, renewed.body().get("lease_id"));
        assertEquals(25 * 60, ((Number) renewed.body().get("lease_duration")).intValue());
    }

    @Test
    void aNonRenewableLeaseRefusesRenewal() {
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/fixed", token).body().get("lease_id");
        Reply renewed = fx.vault.put("sys/leases/renew", token, Map.of("lease_id", leaseId));
        assertEquals(400, renewed.status());
        assertEquals(List.of("lease is not renewable"), renewed.errors());
    }

    @Test
    void renewingThroughThePathFormNeedsAPolicyOnThatPath() {
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/leased", token).body().get("lease_id");
        assertEquals(403, fx.vault.put("sys/leases/renew/" + leaseId, token, Map.of()).status());
        assertEquals(200, fx.vault.put("sys/leases/renew/" + leaseId, fx.root(), Map.of()).status());
    }

    @Test
    void revokingALeaseCallsTheEngineOnceAndEndsTheCredential() {
        String token = fx.phaseToken();
        Reply secret = read("counting/leased", token);
        String leaseId = (String) secret.body().get("lease_id");
        String id = (String) secret.data().get("id");
        int before = CountingEngine.REVOKED.get();
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId)).status());
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId)).status());
        assertEquals(before + 1, CountingEngine.REVOKED.get());
        assertFalse(fx.sim.leaseExists(leaseId));
        assertFalse(fx.sim.cloud().isLive(id, fx.sim.clock().instant()));
    }

    @Test
    void revokingTheTokenRevokesEveryLeaseItCreated() {
        String token = fx.phaseToken();
        String first = (String) read("counting/leased", token).body().get("lease_id");
        String second = (String) read("counting/fixed", token).body().get("lease_id");
        String otherToken = fx.phaseToken();
        String unrelated = (String) read("counting/leased", otherToken).body().get("lease_id");
        assertEquals(204, fx.vault.write("auth/token/revoke-self", token, Map.of()).status());
        assertFalse(fx.sim.leaseExists(first));
        assertFalse(fx.sim.leaseExists(second));
        assertTrue(fx.sim.leaseExists(unrelated));
    }

    @Test
    void revokeAccessorAlsoRevokesTheTokensLeases() {
        Reply login = fx.login();
        String leaseId = (String) read("counting/leased", login.clientToken()).body().get("lease_id");
        String accessor = (String) login.auth().get("accessor");
        assertEquals(204, fx.vault.write("auth/token/revoke-accessor", fx.root(), Map.of("accessor", accessor)).status());
        assertFalse(fx.sim.leaseExists(leaseId));
        assertFalse(fx.sim.accessorLive(accessor));
    }

    @Test
    void leasesExpireWithTheClockAndTheEngineIsCalledBack() {
        String token = fx.phaseToken();
        Reply secret = read("counting/leased", token);
        String leaseId = (String) secret.body().get("lease_id");
        fx.sim.clock().advance(Duration.ofMinutes(11));
        assertFalse(fx.sim.leaseExists(leaseId));
        assertFalse(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
    }

    @Test
    void anExpiredTokenTakesItsLeasesWithIt() {
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/leased", token).body().get("lease_id");
        fx.vault.put("sys/leases/renew", token, Map.of("lease_id", leaseId, "increment", 1800));
        fx.sim.clock().advance(Duration.ofMinutes(21));
        assertEquals(403, fx.vault.get("auth/token/lookup-self", token).status());
        assertFalse(fx.sim.leaseExists(leaseId));
    }

    @Test
    void revokePrefixWithSudoRevokesEverythingUnderIt() {
        String token = fx.phaseToken();
        String a = (String) read("counting/leased", token).body().get("lease_id");
        String b = (String) read("counting/fixed", token).body().get("lease_id");
        assertEquals(204, fx.vault.put("sys/leases/revoke-prefix/counting/leased", fx.root(), Map.of()).status());
        assertFalse(fx.sim.leaseExists(a));
        assertTrue(fx.sim.leaseExists(b));
        Reply listed = fx.vault.list("sys/leases/lookup/counting/fixed/", fx.root());
        assertEquals(1, ((List<?>) listed.data().get("keys")).size());
    }

    @Test
    void unroutedPathsAnswer404() {
        Reply reply = fx.vault.get("nothing-mounted/here", fx.root());
        assertEquals(404, reply.status());
        assertTrue(reply.errors().get(0).contains("no handler for route"));
    }
}
