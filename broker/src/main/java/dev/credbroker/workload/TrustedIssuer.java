package dev.credbroker.workload;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;

import java.util.Set;

/**
 * One issuer whose workload tokens the broker accepts. Beans of this type come from configuration
 * ({@code broker.workload.trusted-issuers.*}) and from the broker's own issuer, which trusts itself
 * out of the box.
 */
public interface TrustedIssuer {

    /** The exact {@code iss} value: scheme, host, no trailing slash. */
    String issuer();

    /** The public keys tokens are verified with. Implementations may cache and refresh a remote JWKS. */
    JWKSet keys();

    /** {@code aud} values accepted; a token must carry at least one. Never empty. */
    Set<String> audiences();

    /** Signature algorithms accepted; {@code none} and HMAC never are. */
    Set<JWSAlgorithm> algorithms();

    /** What the issuer is called in logs and messages: its configuration name, or its {@code iss}. */
    default String name() {
        return issuer();
    }

    /** Where its keys come from, for the start-up log: a URL, a file, or the broker's own key ring. */
    default String keySource() {
        return "built in";
    }
}
