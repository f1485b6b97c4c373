package dev.credbroker.issuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of the {@link KeyRing}. {@link #jwk()} holds the private part for NEXT and ACTIVE keys;
 * {@link #toString()} never shows key material.
 *
 * @param kid         RFC 7638 thumbprint of the public key
 * @param file        the PEM file's name inside the key directory
 * @param provided    true when an operator put the PEM there, false when the broker generated it
 * @param activatedAt when it started signing, if it did
 * @param retiredAt   when it stopped signing, if it did
 */
public record IssuerKey(String kid, JWSAlgorithm algorithm, KeyState state, String file, boolean provided, JWK jwk,
                        Instant createdAt, Optional<Instant> activatedAt, Optional<Instant> retiredAt) {
    public IssuerKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(createdAt, "createdAt");
        activatedAt = activatedAt == null ? Optional.empty() : activatedAt;
        retiredAt = retiredAt == null ? Optional.empty() : retiredAt;
    }

    /** The public JWK as published: kid, {@code use=sig}, alg. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    IssuerKey withState(KeyState newState, Instant at) {
        return switch (newState) {
            case NEXT -> new IssuerKey(kid, algorithm, newState, file, provided, jwk, createdAt, Optional.empty(),
                    Optional.empty());
            case ACTIVE -> new IssuerKey(kid, algorithm, newState, file, provided, jwk, createdAt, Optional.of(at),
                    Optional.empty());
            // a retired key never signs again: keep only its public half in memory
            case RETIRED -> new IssuerKey(kid, algorithm, newState, file, provided, jwk.toPublicJWK(), createdAt,
                    activatedAt, Optional.of(at));
        };
    }

    @Override
    public String toString() {
        return "IssuerKey[kid=" + kid + ", alg=" + algorithm + ", state=" + state + ", file=" + file + "]";
    }
}
