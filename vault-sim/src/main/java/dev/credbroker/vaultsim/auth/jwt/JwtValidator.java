package dev.credbroker.vaultsim.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.vaultsim.VaultError;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@code validator.Validate} makes before Vault looks at roles' claims: signature with an
 * asymmetric algorithm from the plugin's default set, then iss, sub, aud, exp, nbf and iat with the role's
 * leeways. Each failure is reported as Vault does: 400 {@code error validating token: …}.
 */
final class JwtValidator {
    private static final Set<JWSAlgorithm> DEFAULT_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private JwtValidator() {
    }

    static Map<String, Object> validate(String compact, JwtKeys keys, String boundIssuer, JwtRole role, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw fail("malformed token");
        }
        if (!DEFAULT_ALGS.contains(jwt.getHeader().getAlgorithm())) {
            throw fail("unsupported signing algorithm \"" + jwt.getHeader().getAlgorithm() + "\"");
        }
        if (!verified(jwt, keys.current()) && !verified(jwt, keys.refresh())) {
            throw fail("failed to verify id token signature");
        }
        if (boundIssuer != null && !boundIssuer.isEmpty() && !boundIssuer.equals(claims.getIssuer())) {
            throw fail("invalid issuer (iss) claim");
        }
        if (!role.boundSubject().isEmpty() && !role.boundSubject().equals(claims.getSubject())) {
            throw fail("invalid subject (sub) claim");
        }
        List<String> audiences = claims.getAudience();
        if (!role.boundAudiences().isEmpty() && audiences.stream().noneMatch(role.boundAudiences()::contains)) {
            throw fail("invalid audience (aud) claim: audience claim does not match any expected audience");
        }
        long skew = role.clockSkewLeeway().getSeconds();
        Date exp = claims.getExpirationTime();
        if (exp != null && !now.isBefore(exp.toInstant().plusSeconds(role.expirationLeeway().getSeconds() + skew))) {
            throw fail("token is expired (exp)");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minusSeconds(role.notBeforeLeeway().getSeconds() + skew))) {
            throw fail("token not valid yet (nbf)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.isBefore(iat.toInstant().minusSeconds(skew))) {
            throw fail("token issued in the future (iat)");
        }
        return claims.toJSONObject();
    }

    private static boolean verified(SignedJWT jwt, List<JWK> keys) {
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys) {
            if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                        : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
                if (verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                        && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A key of the wrong shape for this token: try the next one, as a key set lookup would.
            }
        }
        return false;
    }

    private static VaultError fail(String reason) {
        return VaultError.badRequest("error validating token: " + reason);
    }
}
