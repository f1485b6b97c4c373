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
    /** An unleased secret (GCP access token) has no lease at all: lease_id "" and lease_duration 0. */
    void anUnleasedSecretHasAnEmptyLeaseIdAndNoLeaseDuration() {
        Reply secret = fx.vault.write("counting/token", fx.phaseToken(), Map.of());
        assertEquals("", secret.body().get("lease_id"));
        assertEquals(0, ((Number) secret.body().get("lease_duration")).intValue());
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

    /** token_store.go revoke-self → expiration.go RevokeByToken: the 204 comes before the leases are revoked. */
    @Test
    void revokingTheTokenQueuesItsLeasesInsteadOfRevokingThem() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        String token = fx.phaseToken();
        Reply secret = read("counting/leased", token);
        String leaseId = (String) secret.body().get("lease_id");
        int before = CountingEngine.REVOKED.get();
        assertEquals(204, fx.vault.write("auth/token/revoke-self", token, Map.of()).status());
        assertEquals(403, fx.vault.get("auth/token/lookup-self", token).status(), "the token dies at once");
        assertTrue(fx.sim.leaseExists(leaseId), "its lease is only queued");
        assertTrue(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
        assertEquals(before, CountingEngine.REVOKED.get());
        // RevokeByToken marks the lease expired: lookup shows no TTL left, renewal is refused.
        Reply lookup = fx.vault.put("sys/leases/lookup", fx.root(), Map.of("lease_id", leaseId));
        assertEquals(0, ((Number) lookup.data().get("ttl")).intValue());
        Reply renew = fx.vault.put("sys/leases/renew", fx.root(), Map.of("lease_id", leaseId));
        assertEquals(400, renew.status());
        assertEquals(List.of("lease expired"), renew.errors());
    }

    @Test
    void theBackgroundRevokesEveryLeaseOfARevokedTokenShortlyAfter() {
        String token = fx.phaseToken();
        Reply first = read("counting/leased", token);
        String second = (String) read("counting/fixed", token).body().get("lease_id");
        String unrelated = (String) read("counting/leased", fx.phaseToken()).body().get("lease_id");
        assertEquals(204, fx.vault.write("auth/token/revoke-self", token, Map.of()).status());
        assertTrue(fx.sim.awaitQueuedRevocations(Duration.ofSeconds(10)));
        assertFalse(fx.sim.leaseExists((String) first.body().get("lease_id")));
        assertFalse(fx.sim.cloud().isLive((String) first.data().get("id"), fx.sim.clock().instant()));
        assertFalse(fx.sim.leaseExists(second));
        assertTrue(fx.sim.leaseExists(unrelated));
    }

    @Test
    void afterRevokeAccessorTheLeaseStaysLiveUntilTheBackgroundRevokesIt() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        Reply login = fx.login();
        String leaseId = (String) read("counting/leased", login.clientToken()).body().get("lease_id");
        String accessor = (String) login.auth().get("accessor");
        assertEquals(204, fx.vault.write("auth/token/revoke-accessor", fx.root(), Map.of("accessor", accessor)).status());
        assertFalse(fx.sim.accessorLive(accessor));
        assertTrue(fx.sim.leaseExists(leaseId));
    }

    /** The broker's way out of the race: an explicit, synchronous revoke of a queued lease revokes it at once. */
    @Test
    void anExplicitRevokeOfAQueuedLeaseRevokesItAtOnce() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        Reply login = fx.login();
        Reply secret = read("counting/leased", login.clientToken());
        String leaseId = (String) secret.body().get("lease_id");
        fx.vault.write("auth/token/revoke-accessor", fx.root(), Map.of("accessor", login.auth().get("accessor")));
        int before = CountingEngine.REVOKED.get();
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId, "sync", true))
                .status());
        assertFalse(fx.sim.leaseExists(leaseId));
        assertFalse(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
        assertEquals(before + 1, CountingEngine.REVOKED.get());
    }

    /**
     * expiration.go revocationJob.OnFailure: a failed background attempt is retried with backoff and, after
     * maxRevokeAttempts (6), the lease is marked irrevocable and stays; its credential keeps working.
     */
    @Test
    void aFailingBackgroundRevocationLeavesTheLeaseLiveAndEndsIrrevocable() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofMillis(1));
        fx.sim.faults().revocationRetryBase(Duration.ofMillis(1));
        fx.sim.faults().failQueuedRevocations(true);
        Reply login = fx.login();
        Reply secret = read("counting/leased", login.clientToken());
        String leaseId = (String) secret.body().get("lease_id");
        assertEquals(204, fx.vault.write("auth/token/revoke-self", login.clientToken(), Map.of()).status());
        assertTrue(fx.sim.awaitQueuedRevocations(Duration.ofSeconds(10)));
        assertTrue(fx.sim.leaseExists(leaseId));
        assertTrue(fx.sim.leaseIrrevocable(leaseId));
        assertTrue(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId)).status());
        assertFalse(fx.sim.leaseExists(leaseId));
        assertFalse(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
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

    /** An expired token is revoked like any other: its leases are queued, not revoked with it. */
    @Test
    void anExpiredTokensLeasesAreQueuedNotRevokedWithIt() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        String token = fx.phaseToken();
        String leaseId = (String) read("counting/leased", token).body().get("lease_id");
        fx.vault.put("sys/leases/renew", token, Map.of("lease_id", leaseId, "increment", 1800));
        fx.sim.clock().advance(Duration.ofMinutes(21));
        assertEquals(403, fx.vault.get("auth/token/lookup-self", token).status());
        assertTrue(fx.sim.leaseExists(leaseId), "queued, not revoked with the token");
        assertEquals(List.of("lease expired"),
                fx.vault.put("sys/leases/renew", fx.root(), Map.of("lease_id", leaseId)).errors());
    }

    /** logical_system.go handleRevoke: sync=false is LazyRevoke, answered 202 before anything is revoked. */
    @Test
    void revokeWithSyncFalseAnswers202AndQueuesTheLease() {
        fx.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        String leaseId = (String) read("counting/leased", fx.phaseToken()).body().get("lease_id");
        Reply queued = fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId, "sync", false));
        assertEquals(202, queued.status());
        assertTrue(fx.sim.leaseExists(leaseId));
        assertEquals(202, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", "counting/leased/nope",
                "sync", false)).status());
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId, "sync", "true"))
                .status());
        assertFalse(fx.sim.leaseExists(leaseId));
    }

    @Test
    void revokeWithoutSyncRevokesBeforeAnswering() {
        String leaseId = (String) read("counting/leased", fx.phaseToken()).body().get("lease_id");
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId)).status());
        assertFalse(fx.sim.leaseExists(leaseId));
        assertEquals(204, fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId)).status());
    }

    /** expiration.go revokeEntry wraps the engine's error and handleRevoke answers 400; the lease stays. */
    @Test
    void anEngineFailureOnRevokeIsAnErrorAndTheLeaseStays() {
        Reply secret = read("counting/leased", fx.phaseToken());
        String leaseId = (String) secret.body().get("lease_id");
        fx.sim.faults().failEngineRevocations(true);
        Reply failed = fx.vault.put("sys/leases/revoke", fx.root(), Map.of("lease_id", leaseId, "sync", true));
        assertEquals(400, failed.status());
        assertTrue(failed.errors().get(0).startsWith("failed to revoke entry"), failed.errors().toString());
        assertTrue(fx.sim.leaseExists(leaseId));
        assertTrue(fx.sim.cloud().isLive((String) secret.data().get("id"), fx.sim.clock().instant()));
        // revoke-force removes the lease whatever the engine says (and leaves the credential behind).
        assertEquals(204, fx.vault.put("sys/leases/revoke-force/counting/leased", fx.root(), Map.of()).status());
        assertFalse(fx.sim.leaseExists(leaseId));
        fx.sim.faults().failEngineRevocations(false);
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
