package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fault knobs tests use to make Vault misbehave, each answered in Vault's own shape. */
class SimFaultsTest {
    private final SimFixture fx = new SimFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void injectedServerErrorsHitOnlyTheirPathAndOnlyAsOftenAsAsked() {
        String token = fx.phaseToken();
        fx.sim.faults().failNext("counting/", 2, 500);
        assertEquals(200, fx.vault.get("auth/token/lookup-self", token).status());
        Reply failed = fx.vault.get("counting/leased", token);
        assertEquals(500, failed.status());
        assertEquals(List.of("injected fault"), failed.errors());
        assertEquals(500, fx.vault.get("counting/leased", token).status());
        assertEquals(200, fx.vault.get("counting/leased", token).status());
    }

    @Test
    void aSealedVaultAnswers503EverywhereAndHealthSaysSealed() {
        String token = fx.phaseToken();
        fx.sim.faults().seal();
        Reply refused = fx.vault.get("counting/leased", token);
        assertEquals(503, refused.status());
        assertEquals(List.of("Vault is sealed"), refused.errors());
        Reply health = fx.vault.get("sys/health", null);
        assertEquals(503, health.status());
        assertEquals(true, health.body().get("sealed"));
        // sys/health's documented sealedcode parameter; sys/seal-status is 200 whether sealed or not.
        assertEquals(200, fx.vault.get("sys/health?sealedcode=200", null).status());
        Reply sealStatus = fx.vault.get("sys/seal-status", null);
        assertEquals(200, sealStatus.status());
        assertEquals(true, sealStatus.body().get("sealed"));
        assertEquals(null, sealStatus.body().get("cluster_name"));
        fx.sim.faults().unseal();
        assertEquals(200, fx.vault.get("counting/leased", token).status());
    }

    @Test
    void aDroppedConnectionGivesTheClientNoAnswerAtAll() {
        fx.sim.faults().dropNext("auth/jwt/login", 1);
        assertThrows(UncheckedIOException.class, fx::login);
        assertEquals(200, fx.login().status());
    }

    @Test
    void latencyMakesAClientWithAShortTimeoutGiveUp() throws Exception {
        fx.sim.faults().latency(java.time.Duration.ofSeconds(2));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.sim.address() + "/v1/sys/health"))
                .timeout(java.time.Duration.ofMillis(200)).GET().build();
        assertThrows(java.net.http.HttpTimeoutException.class,
                () -> client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()));
        fx.sim.faults().clear();
        assertEquals(200, client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void malformedJsonIsABadRequest() {
        Reply reply = fx.vault.send("POST", "auth/jwt/login", null, null, Map.of());
        assertEquals(400, reply.status());
        assertEquals(List.of("missing role"), reply.errors());
    }
}
