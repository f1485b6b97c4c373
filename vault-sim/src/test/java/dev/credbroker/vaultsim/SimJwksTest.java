package dev.credbroker.vaultsim;

import com.sun.net.httpserver.HttpServer;
import dev.credbroker.vaultsim.contract.TestIssuer;
import dev.credbroker.vaultsim.contract.VaultHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JWT auth with remote keys: {@code jwks_url} checked at config time, refetched when a token names a key the
 * cached set lacks (issuer key rotation), and {@code oidc_discovery_url} resolving {@code jwks_uri}.
 */
class SimJwksTest {
    private final AtomicReference<TestIssuer> published = new AtomicReference<>(new TestIssuer());
    private HttpServer issuerServer;
    private String base;
    private VaultSim sim;
    private VaultHttp vault;

    @BeforeEach
    void start() throws IOException {
        // The sim first: loading VaultSim sets sun.net.httpserver.nodelay before the JVM's first HttpServer.
        sim = VaultSim.start();
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        base = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
        issuerServer.createContext("/.well-known/jwks", ex -> respond(ex, published.get().publicJwks().toString()));
        issuerServer.createContext("/.well-known/openid-configuration", ex -> respond(ex,
                "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/.well-known/jwks\"}"));
        issuerServer.start();
        vault = new VaultHttp(sim.address());
        vault.write("sys/auth/jwt", sim.rootToken(), Map.of("type", "jwt"));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stop() {
        sim.close();
        issuerServer.stop(0);
    }

    private VaultHttp.Reply login(TestIssuer issuer) {
        return vault.write("auth/jwt/login", null, Map.of("role", "plan", "jwt",
                issuer.token("plan", sim.clock().instant())));
    }

    @Test
    void anUnreachableJwksUrlIsRefusedAtConfigTime() {
        VaultHttp.Reply reply = vault.write("auth/jwt/config", sim.rootToken(),
                Map.of("jwks_url", "http://127.0.0.1:1/jwks"));
        assertEquals(400, reply.status());
        assertTrue(reply.errors().get(0).startsWith("error checking jwks URL"));
    }

    @Test
    void aRotatedIssuerKeyIsFetchedWhenATokenNamesIt() {
        assertEquals(204, vault.write("auth/jwt/config", sim.rootToken(), Map.of("jwks_url",
                base + "/.well-known/jwks", "bound_issuer", TestIssuer.ISSUER)).status());
        vault.write("auth/jwt/role/plan", sim.rootToken(), TestIssuer.planRole("default"));
        assertEquals(200, login(published.get()).status());
        TestIssuer rotated = new TestIssuer();
        published.set(rotated);
        assertEquals(200, login(rotated).status());
    }

    @Test
    void discoveryLeadsToTheJwks() {
        assertEquals(204, vault.write("auth/jwt/config", sim.rootToken(), Map.of("oidc_discovery_url", base,
                "bound_issuer", TestIssuer.ISSUER)).status());
        vault.write("auth/jwt/role/plan", sim.rootToken(), TestIssuer.planRole("default"));
        assertEquals(200, login(published.get()).status());
    }
}
