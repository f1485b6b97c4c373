package dev.credbroker.workload;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.issuer.KeyRing;
import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.TokenMinter;
import dev.credbroker.support.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NimbusWorkloadTokenVerifierTest {
    static final String OWN = "https://broker.example.test";
    static final String EXTERNAL = "https://app.terraform.example";

    @TempDir
    static Path dir;
    static ApplicationContext ctx;
    static WorkloadTokenVerifier verifier;
    static JWK ownKey;
    static ECKey externalKey;

    @BeforeAll
    static void start() throws Exception {
        externalKey = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        Path jwksFile = dir.resolve("external-jwks.json");
        Files.writeString(jwksFile, new JWKSet(externalKey.toPublicJWK()).toString());
        ctx = ApplicationContext.run(Map.of(
                "broker.issuer.key-dir", dir.resolve("keys").toString(),
                "broker.issuer.url", OWN,
                "broker.workload.clock-skew", "60s",
                "test.mutable-clock", "true",
                "broker.workload.trusted-issuers.hcp.issuer", EXTERNAL,
                "broker.workload.trusted-issuers.hcp.jwks-file", jwksFile.toString(),
                "broker.workload.trusted-issuers.hcp.audiences", List.of("vault.workload.identity", "broker")),
                Environment.TEST);
        verifier = ctx.getBean(WorkloadTokenVerifier.class);
        ownKey = ctx.getBean(KeyRing.class).activeKey().jwk();
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    static JWTClaimsSet.Builder claims(String iss) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(iss).audience("vault.workload.identity")
                .subject("organization:acme:project:p:workspace:w:run_phase:apply")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("terraform_run_id", "run-1").claim("terraform_run_phase", "apply")
                .claim("terraform_organization_name", "acme").claim("terraform_workspace_name", "w")
                .claim("terraform_project_name", "p").claim("terraform_workspace_id", "ws-1");
    }

    static String sign(JWK key, JWTClaimsSet claims) throws Exception {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Asserts refusal, that the message names {@code expected}, and that it does not quote the token. */
    static void assertRefused(String token, String expected) {
        var e = assertThrows(InvalidWorkloadTokenException.class, () -> verifier.verify(token));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(token), "the message never contains the token");
        for (String part : token.split("\\.")) {
            if (part.length() > 8) {
                assertFalse(e.getMessage().contains(part), "the message never contains a part of the token");
            }
        }
        assertEquals("invalid-workload-token", e.code());
    }

    @Test
    void ownMintedTokensShouldBeAccepted() {
        String token = ctx.getBean(TokenMinter.class).mint(new MintRequest("run-42", "acme", "Default Project",
                "networking", "ws-9", null, null, "plan", "vault.workload.identity", 600L, null)).token();
        WorkloadToken verified = verifier.verify(token);
        RunIdentity id = verified.identity();
        assertEquals(OWN, id.issuer());
        assertEquals("run-42", id.runId());
        assertEquals(RunPhase.PLAN, id.phase());
        assertEquals("acme", id.organization());
        assertEquals("Default Project", id.project().orElseThrow());
        assertEquals("networking", id.workspace());
        assertEquals("ws-9", id.workspaceId().orElseThrow());
        assertEquals(List.of("vault.workload.identity"), id.audiences());
        assertEquals(token, verified.compact());
        assertFalse(verified.toString().contains(token));
    }

    @Test
    void ownTokensShouldStillVerifyAfterRotation() throws Exception {
        String token = sign(ctx.getBean(KeyRing.class).activeKey().jwk(), claims(OWN).build());
        ctx.getBean(KeyRing.class).rotate();
        assertEquals(RunPhase.APPLY, verifier.verify(token).identity().phase());
    }

    @Test
    void configuredIssuerTokensShouldBeAcceptedWithArrayAudience() throws Exception {
        String token = sign(externalKey, claims(EXTERNAL).audience(List.of("other", "broker")).build());
        RunIdentity id = verifier.verify(token).identity();
        assertEquals(EXTERNAL, id.issuer());
        assertEquals(List.of("other", "broker"), id.audiences());
    }

    @Test
    void expiredTokensShouldBeRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(sign(ownKey, claims(OWN).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(Instant.now().minusSeconds(61))).build()), "expired");
    }

    @Test
    void expiryShouldBeJudgedByTheInjectedClockWithinTheSkew() throws Exception {
        MutableClock clock = ctx.getBean(MutableClock.class);
        String token = sign(ownKey, claims(OWN).expirationTime(Date.from(clock.instant().plusSeconds(300))).build());
        try {
            clock.advance(Duration.ofSeconds(330));
            assertEquals("run-1", verifier.verify(token).identity().runId(), "30 s past exp: within the 60 s skew");
            clock.advance(Duration.ofSeconds(60));
            assertRefused(token, "expired");
        } finally {
            clock.reset();
        }
    }

    @Test
    void notBeforeShouldBeJudgedByTheInjectedClockWithinTheSkew() throws Exception {
        MutableClock clock = ctx.getBean(MutableClock.class);
        String token = sign(ownKey, claims(OWN).notBeforeTime(Date.from(clock.instant().plusSeconds(300))).build());
        try {
            assertRefused(token, "nbf");
            clock.advance(Duration.ofSeconds(270));
            assertEquals("run-1", verifier.verify(token).identity().runId(), "30 s before nbf: within the skew");
        } finally {
            clock.reset();
        }
    }

    @Test
    void tokensNotYetValidBeyondTheSkewShouldBeRefused() throws Exception {
        assertRefused(sign(ownKey, claims(OWN).notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build()),
                "nbf");
        verifier.verify(sign(ownKey, claims(OWN).notBeforeTime(Date.from(Instant.now().plusSeconds(30))).build()));
    }

    @Test
    void aWrongAudienceShouldBeRefused() throws Exception {
        assertRefused(sign(ownKey, claims(OWN).audience("sts.amazonaws.com").build()), "audience");
        assertRefused(sign(externalKey, claims(EXTERNAL).audience("api://AzureADTokenExchange").build()), "audience");
    }

    @Test
    void anUnknownIssuerShouldBeRefused() throws Exception {
        assertRefused(sign(ownKey, claims("https://evil.example").build()), "not trusted");
    }

    @Test
    void aKeyOfAnotherIssuerShouldNotVerify() throws Exception {
        // signed with the external issuer's key but claiming to be the broker: no such kid at the broker
        assertRefused(sign(externalKey, claims(OWN).build()), "kid");
    }

    @Test
    void algNoneShouldBeRefused() {
        String token = new PlainJWT(claimsUnchecked()).serialize();
        assertRefused(token, "alg none");
    }

    @Test
    void hmacTokensShouldBeRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ownKey.getKeyID()).build(),
                claimsUnchecked());
        jwt.sign(new MACSigner(new byte[32]));
        assertRefused(jwt.serialize(), "HMAC");
    }

    @Test
    void aTamperedSignatureShouldBeRefused() throws Exception {
        String token = sign(ownKey, claims(OWN).build());
        String[] parts = token.split("\\.");
        byte[] sig = Base64URL.from(parts[2]).decode();
        sig[10] ^= 0x01;
        assertRefused(parts[0] + "." + parts[1] + "." + Base64URL.encode(sig), "signature");
    }

    @Test
    void aTamperedPayloadShouldBeRefused() throws Exception {
        String token = sign(ownKey, claims(OWN).build());
        String[] parts = token.split("\\.");
        String forged = Base64URL.encode(claims(OWN).claim("terraform_run_phase", "apply")
                .claim("terraform_workspace_name", "prod").build().toString()).toString();
        assertRefused(parts[0] + "." + forged + "." + parts[2], "signature");
    }

    @Test
    void anAlgorithmTheIssuerDoesNotAcceptShouldBeRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(rsa.getKeyID()).build(),
                claims(EXTERNAL).build());
        jwt.sign(new RSASSASigner(rsa));
        assertRefused(jwt.serialize(), "PS256");
    }

    @Test
    void garbageShouldBeRefusedAsMalformed() {
        assertRefused("not-a-jwt-at-all-but-long", "well-formed");
        var e = assertThrows(InvalidWorkloadTokenException.class, () -> verifier.verify(" "));
        assertTrue(e.getMessage().contains("no workload token"));
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"jti", "sub", "terraform_run_id", "terraform_run_phase", "terraform_organization_name",
            "terraform_workspace_name", "exp", "aud", "iss"})
    void missingClaimsShouldBeRefused(String claim) throws Exception {
        Map<String, Object> all = claims(OWN).build().toJSONObject();
        all.remove(claim);
        String token = sign(ownKey, JWTClaimsSet.parse(all));
        assertRefused(token, claim.equals("iss") ? "iss" : claim);
    }

    @Test
    void aRunPhaseOtherThanPlanOrApplyShouldBeRefused() throws Exception {
        assertRefused(sign(ownKey, claims(OWN).claim("terraform_run_phase", "destroy").build()),
                "terraform_run_phase");
    }

    private static JWTClaimsSet claimsUnchecked() {
        return claims(OWN).build();
    }
}
