package dev.credbroker.issuer;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies a token the way an outside party (Vault) would: plain Nimbus against a JWKS fetched over HTTP,
 * none of the broker's verification code involved.
 */
public final class IndependentVerifier {
    private IndependentVerifier() {
    }

    public static JWKSet fetchJwks(URL serverUrl) throws Exception {
        return JWKSet.load(new URL(serverUrl, "/.well-known/jwks"));
    }

    /** Asserts the signature verifies with the JWKS key named by the header's kid; returns the claims. */
    public static JWTClaimsSet verify(String token, JWKSet jwks) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the JWKS publishes the token's kid");
        assertFalse(key.isPrivate(), "the JWKS publishes public keys only");
        JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toRSAPublicKey())
                : new ECDSAVerifier(((ECKey) key).toECPublicKey());
        assertTrue(jwt.verify(verifier), "signature verifies");
        return jwt.getJWTClaimsSet();
    }
}
