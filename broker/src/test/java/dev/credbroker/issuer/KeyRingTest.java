package dev.credbroker.issuer;

import dev.credbroker.vaultsim.SimClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRingTest {

    static IssuerConfiguration config(Path dir, SigningAlgorithm alg) {
        return new IssuerConfiguration(true, IssuerConfiguration.DEFAULT_URL, dir, alg.name(), Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofDays(1), true, null, null,
                List.of(IssuerConfiguration.DEFAULT_AUDIENCE));
    }

    @Test
    void firstStartShouldGenerateAnActiveAndANextKeyAsOwnerOnlyFiles(@TempDir Path dir) throws Exception {
        KeyRing ring = new KeyRing(config(dir, SigningAlgorithm.RS256), Clock.systemUTC());
        assertEquals(2, ring.keys().size());
        assertEquals(KeyState.ACTIVE, ring.keys().get(0).state());
        assertEquals(KeyState.NEXT, ring.keys().get(1).state());
        for (IssuerKey k : ring.keys()) {
            Path pem = dir.resolve(k.file());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
            assertTrue(Files.readString(pem).startsWith("-----BEGIN PRIVATE KEY-----"));
        }
        String meta = Files.readString(dir.resolve(KeyRingStore.METADATA_FILE));
        assertFalse(meta.contains("PRIVATE"), "metadata holds no key material");
    }

    @Test
    void keysShouldPersistAcrossRestart(@TempDir Path dir) throws Exception {
        Map<String, Object> props = Map.of("broker.issuer.key-dir", dir.toString());
        String active;
        String next;
        try (ApplicationContext ctx = ApplicationContext.run(props, Environment.TEST)) {
            KeyRing ring = ctx.getBean(KeyRing.class);
            active = ring.activeKey().kid();
            next = ring.keys().get(1).kid();
        }
        try (ApplicationContext ctx = ApplicationContext.run(props, Environment.TEST)) {
            KeyRing ring = ctx.getBean(KeyRing.class);
            assertEquals(active, ring.activeKey().kid());
            assertEquals(next, ring.keys().get(1).kid());
            String token = ctx.getBean(TokenMinter.class).mint(request()).token();
            assertEquals(active, SignedJWT.parse(token).getHeader().getKeyID());
        }
    }

    @Test
    void rotationShouldSurviveRestartAndBeSeenByAnotherInstance(@TempDir Path dir) {
        KeyRing server = new KeyRing(config(dir, SigningAlgorithm.RS256), Clock.systemUTC());
        String firstActive = server.activeKey().kid();
        KeyRing cli = new KeyRing(config(dir, SigningAlgorithm.RS256), Clock.systemUTC());
        KeyRing.Rotation r = cli.rotate();
        assertEquals(r.activeKid(), server.activeKey().kid(), "the running ring reloads what the CLI rotated");
        assertEquals(firstActive, r.retiredKid());
        assertEquals(3, server.keys().size());
        KeyRing restarted = new KeyRing(config(dir, SigningAlgorithm.RS256), Clock.systemUTC());
        assertEquals(r.activeKid(), restarted.activeKey().kid());
        assertEquals(r.nextKid(), restarted.keys().get(1).kid());
        assertFalse(restarted.keys().get(2).jwk().isPrivate());
    }

    @Test
    void retiredKeysShouldBeDroppedOnceTheirTokensExpired(@TempDir Path dir) {
        SimClock clock = new SimClock(Instant.parse("2026-01-01T00:00:00Z"));
        KeyRing ring = new KeyRing(config(dir, SigningAlgorithm.RS256), clock);
        KeyRing.Rotation r = ring.rotate();
        clock.advance(Duration.ofMinutes(59));
        assertTrue(ring.keys().stream().anyMatch(k -> k.kid().equals(r.retiredKid())), "still published");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(ring.keys().stream().noneMatch(k -> k.kid().equals(r.retiredKid())), "dropped at retiredAt+max-ttl");
        assertFalse(Files.exists(dir.resolve(r.retiredKid() + ".pem")));
    }

    @Test
    void rotateIfDueShouldRotateOnlyAfterTheRotationPeriod(@TempDir Path dir) {
        SimClock clock = new SimClock(Instant.parse("2026-01-01T00:00:00Z"));
        KeyRing ring = new KeyRing(config(dir, SigningAlgorithm.RS256), clock);
        String active = ring.activeKey().kid();
        clock.advance(Duration.ofHours(23));
        assertTrue(ring.rotateIfDue().isEmpty());
        clock.advance(Duration.ofHours(1));
        assertTrue(ring.rotateIfDue().isPresent());
        assertNotEquals(active, ring.activeKey().kid());
    }

    @Test
    void es256ModeShouldGenerateP256Keys(@TempDir Path dir) throws Exception {
        IssuerConfiguration c = config(dir, SigningAlgorithm.ES256);
        KeyRing ring = new KeyRing(c, Clock.systemUTC());
        for (IssuerKey k : ring.keys()) {
            assertEquals(JWSAlgorithm.ES256, k.algorithm());
            assertEquals(Curve.P_256, ((ECKey) k.jwk()).getCurve());
        }
        String token = new TokenMinter(c, ring, Clock.systemUTC()).mint(request()).token();
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        IndependentVerifier.verify(token, ring.publicKeys());
        // reloaded from its PEM, an EC key has the same kid
        KeyRing reloaded = new KeyRing(c, Clock.systemUTC());
        assertEquals(ring.activeKey().kid(), reloaded.activeKey().kid());
    }

    @Test
    void anRsaPemProvidedByTheOperatorShouldSign(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Files.writeString(dir.resolve("operator.pem"), pem(pair.getPrivate().getEncoded()));
        String expectedKid = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic())
                .build().computeThumbprint().toString();

        IssuerConfiguration c = config(dir, SigningAlgorithm.RS256);
        KeyRing ring = new KeyRing(c, Clock.systemUTC());
        assertEquals(expectedKid, ring.activeKey().kid());
        assertTrue(ring.activeKey().provided());
        String token = new TokenMinter(c, ring, Clock.systemUTC()).mint(request()).token();
        assertEquals(expectedKid, SignedJWT.parse(token).getHeader().getKeyID());
        IndependentVerifier.verify(token, ring.publicKeys());
        assertEquals(expectedKid, new KeyRing(c, Clock.systemUTC()).activeKey().kid(), "kept after restart");
    }

    @Test
    void anEcPemWithoutPublicBlockShouldBeUsableAndBecomeNextOnAnExistingRing(@TempDir Path dir) throws Exception {
        IssuerConfiguration c = config(dir, SigningAlgorithm.ES256);
        KeyRing ring = new KeyRing(c, Clock.systemUTC());
        String generatedNext = ring.keys().get(1).kid();

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Files.writeString(dir.resolve("operator-ec.pem"), pem(pair.getPrivate().getEncoded()));
        String expectedKid = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic())
                .build().computeThumbprint().toString();

        KeyRing restarted = new KeyRing(c, Clock.systemUTC());
        IssuerKey next = restarted.keys().get(1);
        assertEquals(KeyState.NEXT, next.state());
        assertEquals(expectedKid, next.kid(), "public key derived from the private one");
        assertTrue(restarted.keys().stream().noneMatch(k -> k.kid().equals(generatedNext)),
                "the generated next key was replaced");
        restarted.rotate();
        assertEquals(expectedKid, restarted.activeKey().kid());
        String token = new TokenMinter(c, restarted, Clock.systemUTC()).mint(request()).token();
        IndependentVerifier.verify(token, restarted.publicKeys());
    }

    @Test
    void aPemOfTheWrongAlgorithmShouldStopStartWithAClearMessage(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        Files.writeString(dir.resolve("k.pem"), pem(g.generateKeyPair().getPrivate().getEncoded()));
        var e = assertThrows(IssuerKeyException.class,
                () -> new KeyRing(config(dir, SigningAlgorithm.RS256), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("k.pem"), e.getMessage());
    }

    @Test
    void pemRoundTripShouldKeepTheKid() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            JWK key = alg.generate();
            JWK read = PemKeys.read("x.pem", PemKeys.write(key));
            assertEquals(key.getKeyID(), read.getKeyID());
            assertTrue(read.isPrivate());
            JWK pub = PemKeys.read("x.pem", PemKeys.write(key.toPublicJWK()));
            assertEquals(key.getKeyID(), pub.getKeyID());
            assertFalse(pub.isPrivate());
        }
    }

    @Test
    void theIssuerShouldBeSwitchedOffByProperty(@TempDir Path dir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("broker.issuer.enabled", "false",
                "broker.issuer.key-dir", dir.toString()), Environment.TEST)) {
            assertFalse(ctx.containsBean(KeyRing.class));
            assertFalse(ctx.containsBean(TokenMinter.class));
            assertFalse(ctx.containsBean(BrokerTrustedIssuer.class));
        }
    }

    @Test
    void aGeneratedOrchestratorCredentialShouldBeAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        IssuerConfiguration c = config(dir, SigningAlgorithm.RS256);
        OrchestratorCredential cred = new OrchestratorCredential(c, new KeyRing(c, Clock.systemUTC()));
        Path file = dir.resolve(IssuerConfiguration.GENERATED_ORCHESTRATOR_TOKEN_FILE);
        assertEquals(file.toString(), cred.source());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String secret = Files.readString(file).strip();
        cred.authenticate(secret);
        assertThrows(OrchestratorUnauthenticatedException.class, () -> cred.authenticate(secret + "x"));
        assertThrows(OrchestratorUnauthenticatedException.class, () -> cred.authenticate(null));
        // a second start reads the same file
        new OrchestratorCredential(c, new KeyRing(c, Clock.systemUTC())).authenticate(secret);
    }

    static MintRequest request() {
        return new MintRequest("run-1", "acme", "Default Project", "ws", null, null, null, "plan",
                "vault.workload.identity", 600L, null);
    }

    static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
