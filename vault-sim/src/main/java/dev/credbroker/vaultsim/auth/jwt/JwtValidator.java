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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@code validator.Validate} makes before Vault looks at roles' claims: signature with an
 * asymmetric algorithm from the plugin's default set, then iss, sub, aud, and nbf, exp and iat with the role's
 * clock skew leeway. Each failure is reported as Vault does: 400 {@code error validating token: …}.
 */
final class JwtValidator {
    private static final Set<JWSAlgorithm> DEFAULT_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /** cap's DefaultLeewaySeconds, for expiration_leeway and not_before_leeway set to 0. */
    private static final long DEFAULT_LEEWAY_SECONDS = 150;
    /** go-jose's jwt.DefaultLeeway, for clock_skew_leeway set to 0. */
    private static final long DEFAULT_CLOCK_SKEW_SECONDS = 60;

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
        checkTimes(claims, role, now);
        return claims.toJSONObject();
    }

    /**
     * hashicorp/cap jwt.go Validate: at least one of iat/nbf/exp; a missing exp becomes the later of iat and nbf
     * plus {@code expiration_leeway}, a missing nbf becomes iat or else exp minus {@code not_before_leeway} (those
     * two leeways do nothing else); then nbf, exp and iat are checked against now with {@code clock_skew_leeway}
     * only. A leeway of 0 means its default (150 s, or 60 s for the clock skew), a negative one none.
     */
    private static void checkTimes(JWTClaimsSet claims, JwtRole role, Instant now) {
        long iat = seconds(claims.getIssueTime());
        long nbf = seconds(claims.getNotBeforeTime());
        long exp = seconds(claims.getExpirationTime());
        if (iat == 0 && nbf == 0 && exp == 0) {
            throw fail("no issued at (iat), not before (nbf), or expiration time (exp) claims in token");
        }
        if (exp == 0) {
            exp = Math.max(iat, nbf) + leeway(role.expirationLeeway(), DEFAULT_LEEWAY_SECONDS);
        }
        if (nbf == 0) {
            nbf = iat != 0 ? iat : exp - leeway(role.notBeforeLeeway(), DEFAULT_LEEWAY_SECONDS);
        }
        long skew = leeway(role.clockSkewLeeway(), DEFAULT_CLOCK_SKEW_SECONDS);
        if (now.plusSeconds(skew).isBefore(Instant.ofEpochSecond(nbf))) {
            throw fail("invalid not before (nbf) claim: token not yet valid");
        }
        if (now.minusSeconds(skew).isAfter(Instant.ofEpochSecond(exp))) {
            throw fail("invalid expiration time (exp) claim: token is expired");
        }
        if (iat != 0 && now.plusSeconds(skew).isBefore(Instant.ofEpochSecond(iat))) {
            throw fail("invalid issued at (iat) claim: token issued in the future");
        }
    }

    private static long leeway(Duration configured, long defaultSeconds) {
        long seconds = configured.getSeconds();
        return seconds < 0 ? 0 : seconds == 0 ? defaultSeconds : seconds;
    }

    private static long seconds(Date date) {
        return date == null ? 0 : date.toInstant().getEpochSecond();
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
