package dev.credbroker.e2e;

import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.TokenMinter;
import dev.credbroker.support.TestPki;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Vault served over TLS by a private CA (made in the test), the CA given once per target as
 * {@code ca-cert-file}: the workspace names no CA, and every call trusts it, the revocation identity's included.
 * Without it, the JVM's default trust store refuses the Vault and nothing is handed out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateCaVaultTest {
    private Path dir;
    private TestPki pki;
    private VaultSim sim;
    private Path reaperToken;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("credbroker-private-ca");
        pki = TestPki.create(dir);
        sim = VaultSim.builder().clock(SimClock.ticking()).tls(pki.serverContext()).build().listen();
        reaperToken = dir.resolve("reaper-token");
        // Vault trusts this issuer's JWKS, which a running broker serves: one start configures it for all tests.
        stop(broker(true));
    }

    private static void stop(EmbeddedServer broker) {
        broker.stop();
        broker.getApplicationContext().close();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private EmbeddedServer broker(boolean withCa) {
        Map<String, Object> props = new HashMap<>();
        props.put("broker.issuer.url", BrokerHarness.ISSUER);
        props.put("broker.issuer.key-dir", dir.resolve("keys").toString());
        props.put("broker.issuer.rotation-enabled", false);
        props.put("broker.vault.targets.tls.address", sim.address().toString());
        props.put("broker.vault.targets.tls.revocation-token-file", reaperToken.toString());
        if (withCa) {
            props.put("broker.vault.targets.tls.ca-cert-file", pki.caPem().toString());
        }
        props.put("broker.phases.reaper-initial-delay", "1h");
        props.put("micronaut.server.port", -1);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST);
        if (!Files.exists(reaperToken)) {
            // The operator's setup client trusts the private CA too.
            String token = new E2eVault(sim, "", HttpClient.newBuilder().sslContext(pki.clientContext()).build())
                    .configure(BrokerHarness.ISSUER, server.getURL() + "/.well-known/jwks", null);
            try {
                Files.writeString(reaperToken, token);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return server;
    }

    private static int readiness(EmbeddedServer broker) {
        try {
            return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create(broker.getURL() + "/health/readiness")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(EmbeddedServer broker) {
        return broker.getApplicationContext().getBean(TokenMinter.class).mint(new MintRequest("run-tls-" + System.nanoTime(),
                "acme", "Default Project", "networking-prod", "ws-e2e", "org-e2e", "prj-e2e", "plan",
                "vault.workload.identity", 1800L, "hcp")).token();
    }

    @Test
    void aPhaseOpensAndIsRevokedByTheRevocationIdentityOverTlsWithTheTargetsCa() {
        EmbeddedServer broker = broker(true);
        try {
            assertEquals(200, readiness(broker), "readiness reaches the Vault through the target's CA");
            Runner runner = new Runner(URI.create(broker.getURL().toString()));
            String token = token(broker);
            Runner.Reply opened = runner.open(token, Workspaces.aws(sim.address().toString(), "iam_user", "deploy"));
            assertEquals(201, opened.status(), opened.raw());
            assertEquals(1, sim.liveLeases(), "the IAM user's lease");

            Runner.Reply closed = runner.close(token, opened.phaseId());

            assertEquals(204, closed.status(), "the revocation identity revoked over TLS: " + closed.raw());
            assertEquals(0, sim.liveLeases());
        } finally {
            stop(broker);
        }
    }

    @Test
    void withoutTheCaTheVaultIsUnreachableAndNothingIsHandedOut() {
        EmbeddedServer broker = broker(false);
        try {
            assertEquals(503, readiness(broker), "without the CA no Vault target answers");
            long before = sim.requestCount();
            Runner.Reply refused = new Runner(URI.create(broker.getURL().toString()))
                    .open(token(broker), Workspaces.aws(sim.address().toString(), "iam_user", "deploy"));

            assertEquals(503, refused.status(), refused.raw());
            assertTrue(refused.raw().contains("vault-unavailable"), refused.raw());
            assertFalse(sim.requestCount() > before, "no request got through the TLS handshake");
        } finally {
            stop(broker);
        }
    }
}
