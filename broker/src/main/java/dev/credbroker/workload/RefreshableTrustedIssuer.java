package dev.credbroker.workload;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * A {@link TrustedIssuer} whose keys come from elsewhere and can be re-read on demand: the verifier calls
 * {@link #refreshKeys()} once when a token names a {@code kid} the cached JWKS lacks (the issuer rotated).
 */
public interface RefreshableTrustedIssuer extends TrustedIssuer {

    /** Re-reads the keys unless that was done very recently, and returns the current set. */
    JWKSet refreshKeys();
}
