package dev.credbroker.issuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.credbroker.workload.TrustedIssuer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The broker trusts the tokens it mints itself, out of the box: keys straight from the in-process
 * {@link KeyRing} (no HTTP round trip), audiences from {@code broker.issuer.audiences}
 * (default {@code vault.workload.identity}).
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class BrokerTrustedIssuer implements TrustedIssuer {
    private final IssuerConfiguration config;
    private final KeyRing ring;

    public BrokerTrustedIssuer(IssuerConfiguration config, KeyRing ring) {
        this.config = config;
        this.ring = ring;
    }

    @Override
    public String issuer() {
        return config.url();
    }

    @Override
    public JWKSet keys() {
        return ring.publicKeys();
    }

    @Override
    public Set<String> audiences() {
        return new LinkedHashSet<>(config.audiences());
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    }

    @Override
    public String toString() {
        return "BrokerTrustedIssuer[" + issuer() + "]";
    }
}
