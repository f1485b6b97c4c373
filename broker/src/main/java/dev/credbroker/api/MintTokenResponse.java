package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** {@code 201} body of {@code POST /v1/issuer/tokens}. Holds a token: never log it. */
@Serdeable
public record MintTokenResponse(@JsonProperty("token") String token,
                                @JsonProperty("expires_at") String expiresAt,
                                @JsonProperty("kid") String kid) {
    @Override
    public String toString() {
        return "MintTokenResponse[kid=" + kid + ", expires_at=" + expiresAt + "]";
    }
}
