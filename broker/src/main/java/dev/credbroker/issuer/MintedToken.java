package dev.credbroker.issuer;

import java.time.Instant;
import java.util.Objects;

/** A freshly minted workload token. {@link #toString()} never shows the token itself. */
public record MintedToken(String token, Instant expiresAt, String kid, String jti) {
    public MintedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(jti, "jti");
    }

    @Override
    public String toString() {
        return "MintedToken[jti=" + jti + ", kid=" + kid + ", expiresAt=" + expiresAt + "]";
    }
}
