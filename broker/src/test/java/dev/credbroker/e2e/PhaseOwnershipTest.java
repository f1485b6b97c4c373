package dev.credbroker.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@code jti} is unique per issuer only (RFC 7519 §4.1.7). With two trusted issuers, a token of the second
 * carrying the first one's {@code jti} must not reach a phase the first one's token opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhaseOwnershipTest {
    private static final String OTHER = "https://other-issuer.e2e.test";
    private BrokerHarness harness;
    private Runner runner;
    private RSAKey otherKey;

    @BeforeAll
    void start() throws Exception {
        otherKey = new RSAKeyGenerator(2048).keyID("other-1").generate();
        Path jwks = Files.createTempFile("other-jwks", ".json");
        Files.writeString(jwks, new JWKSet(otherKey.toPublicJWK()).toString());
        harness = new BrokerHarness(Map.of(
                "broker.workload.trusted-issuers.other.issuer", OTHER,
                "broker.workload.trusted-issuers.other.jwks-file", jwks.toString(),
                "broker.workload.trusted-issuers.other.audiences", "vault.workload.identity"));
        runner = new Runner(harness.url());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private String otherIssuersToken(JWTClaimsSet victim) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(victim).issuer(OTHER)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(otherKey));
        return jwt.serialize();
    }

    @Test
    void aTokenOfAnotherIssuerWithTheSameJtiShouldNotReachThePhase() throws Exception {
        String token = harness.token("plan");
        Runner.Reply opened = runner.open(token, Workspaces.aws(harness.sim.address().toString(), "iam_user", "deploy"));
        assertEquals(201, opened.status(), opened.raw());
        String intruder = otherIssuersToken(SignedJWT.parse(token).getJWTClaimsSet());

        assertEquals(404, runner.status(intruder, opened.phaseId()).status());
        assertEquals(404, runner.heartbeat(intruder, opened.phaseId()).status());
        assertEquals(404, runner.close(intruder, opened.phaseId()).status());
        assertEquals("open", runner.status(token, opened.phaseId()).body().get("state"));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }
}
