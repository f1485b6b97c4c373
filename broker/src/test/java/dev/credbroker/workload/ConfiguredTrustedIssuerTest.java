package dev.credbroker.workload;

import dev.credbroker.vaultsim.SimClock;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfiguredTrustedIssuerTest {
    HttpServer server;
    final AtomicReference<String> jwks = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    final SimClock clock = new SimClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    TrustedIssuerConfiguration config() {
        return config(List.of("vault.workload.identity"), null);
    }

    TrustedIssuerConfiguration config(List<String> audiences, List<String> algorithms) {
        return new TrustedIssuerConfiguration("tfe", "https://tfe.example/",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"), null, audiences, algorithms,
                Duration.ofMinutes(10));
    }

    @Test
    void keysShouldBeCachedAndRefreshedOnAnUnknownKidAtMostEvery30s() throws Exception {
        ECKey a = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        ECKey b = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        jwks.set(new JWKSet(a).toString(false)); // even if the issuer leaks private members, only public are kept
        ConfiguredTrustedIssuer issuer = new ConfiguredTrustedIssuer(config(), clock);
        assertEquals("https://tfe.example", issuer.issuer());

        assertTrue(issuer.keys().getKeyByKeyId(a.getKeyID()) != null);
        assertFalse(issuer.keys().getKeyByKeyId(a.getKeyID()).isPrivate());
        issuer.keys();
        assertEquals(1, fetches.get(), "cached");

        jwks.set(new JWKSet(List.of(a.toPublicJWK(), b.toPublicJWK())).toString());
        issuer.refreshKeys();
        assertEquals(1, fetches.get(), "no forced refresh within 30s of the last fetch");
        clock.advance(Duration.ofSeconds(31));
        assertTrue(issuer.refreshKeys().getKeyByKeyId(b.getKeyID()) != null, "rotated key found");
        assertEquals(2, fetches.get());

        clock.advance(Duration.ofMinutes(11));
        issuer.keys();
        assertEquals(3, fetches.get(), "refetched after jwks-refresh");
    }

    @Test
    void aFailingFetchShouldKeepTheCachedKeys() throws Exception {
        ECKey a = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        jwks.set(new JWKSet(a.toPublicJWK()).toString());
        ConfiguredTrustedIssuer issuer = new ConfiguredTrustedIssuer(config(), clock);
        issuer.keys();
        jwks.set("{not json");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(a.getKeyID(), issuer.keys().getKeys().get(0).getKeyID());
    }

    @Test
    void noKeysAtAllShouldBeUnavailable() {
        jwks.set("{not json");
        ConfiguredTrustedIssuer issuer = new ConfiguredTrustedIssuer(config(), clock);
        assertThrows(JwksUnavailableException.class, issuer::keys);
    }

    @Test
    void hmacOrNoneAlgorithmsOrMissingAudiencesShouldBeRefusedAtStart() {
        TrustedIssuerConfiguration hmac = config(List.of("vault.workload.identity"), List.of("RS256", "HS256"));
        assertThrows(ConfigurationException.class, () -> new ConfiguredTrustedIssuer(hmac, Clock.systemUTC()));
        TrustedIssuerConfiguration none = config(List.of("vault.workload.identity"), List.of("none"));
        assertThrows(ConfigurationException.class, () -> new ConfiguredTrustedIssuer(none, Clock.systemUTC()));
        TrustedIssuerConfiguration noAud = config(List.of(), null);
        assertThrows(ConfigurationException.class, () -> new ConfiguredTrustedIssuer(noAud, Clock.systemUTC()));
    }
}
