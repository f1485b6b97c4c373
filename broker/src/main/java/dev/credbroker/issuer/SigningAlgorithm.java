package dev.credbroker.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** The signature algorithms the broker's issuer can sign with: what HCP uses (RS256) and a compact EC one. */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 over a 2048-bit RSA key; what HCP Terraform signs with. */
    RS256(JWSAlgorithm.RS256),
    /** ECDSA over P-256 with SHA-256. */
    ES256(JWSAlgorithm.ES256);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /** A fresh private key for this algorithm, its {@code kid} the RFC 7638 thumbprint. */
    JWK generate() {
        try {
            return switch (this) {
                case RS256 -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                        .keyIDFromThumbprint(true).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                        .keyIDFromThumbprint(true).generate();
            };
        } catch (JOSEException e) {
            throw new IssuerKeyException("could not generate a " + name() + " key", e);
        }
    }

    public static SigningAlgorithm of(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported issuer algorithm " + name + " (RS256 or ES256)");
    }
}
