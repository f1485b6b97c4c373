package dev.credbroker.workload;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * A {@link TrustedIssuer} whose keys come from elsewhere and can be re-read on demand: the verifier calls
 * {@link #refreshKeys()} once when a token names a {@code kid} the cached JWKS lacks (the issuer rotated).
 */
public interface RefreshableTrustedIssuer extends TrustedIssuer {

    /** Re-reads the keys unless that was done very recently, and returns the current set. */
    JWKSet refreshKeys();

    /**
     * Why the last fetch of the keys failed, or empty when it succeeded: a failure is hidden from verification
     * while cached keys last, but readiness reports it.
     */
    default java.util.Optional<String> lastFetchFailure() {
        return java.util.Optional.empty();
    }
}
