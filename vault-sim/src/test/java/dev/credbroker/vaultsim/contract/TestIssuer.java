package dev.credbroker.vaultsim.contract;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** An RSA signing key that mints HCP-shaped workload tokens for tests. */
public final class TestIssuer {
    public static final String ISSUER = "https://tfe.example.test";
    public static final String AUDIENCE = "vault.workload.identity";

    private final RSAKey key;

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicPem() {
        try {
            RSAPublicKey pub = key.toRSAPublicKey();
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pub.getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    public static JWTClaimsSet.Builder claims(String phase, Instant now) {
        String ws = "organization:acme:project:Default Project:workspace:networking-prod";
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(ws + ":run_phase:" + phase)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .claim("terraform_full_workspace", ws)
                .claim("terraform_run_id", "run-" + UUID.randomUUID().toString().substring(0, 8))
                .claim("terraform_run_phase", phase)
                .claim("terraform_workspace_name", "networking-prod");
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token(String phase, Instant now) {
        return sign(claims(phase, now).build());
    }

    public static Map<String, Object> planRole(String policy) {
        return Map.of(
                "role_type", "jwt",
                "user_claim", "terraform_full_workspace",
                "bound_audiences", AUDIENCE,
                "bound_claims_type", "glob",
                "bound_claims", Map.of("sub", "organization:acme:project:*:workspace:networking-prod:run_phase:plan"),
                "claim_mappings", Map.of("terraform_run_id", "run_id", "terraform_run_phase", "run_phase"),
                "token_policies", policy,
                "token_ttl", "20m",
                "token_max_ttl", "1h");
    }
}
