package dev.credbroker.issuer;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of the two public documents Vault (or a cloud) reads to trust the broker's tokens: the
 * OpenID discovery document and the JWKS, in the shape HCP Terraform and OTF serve.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata">OIDC Discovery §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5 (JWK Set)</a>
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class IssuerMetadata {
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    public static final String JWKS_PATH = "/.well-known/jwks";

    private final IssuerConfiguration config;
    private final KeyRing ring;

    public IssuerMetadata(IssuerConfiguration config, KeyRing ring) {
        this.config = config;
        this.ring = ring;
    }

    public Map<String, Object> discoveryDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", config.url());
        doc.put("jwks_uri", config.url() + JWKS_PATH);
        doc.put("id_token_signing_alg_values_supported",
                ring.algorithms().stream().map(a -> a.getName()).sorted().toList());
        doc.put("response_types_supported", java.util.List.of("id_token"));
        doc.put("subject_types_supported", java.util.List.of("public"));
        doc.put("scopes_supported", java.util.List.of("openid"));
        doc.put("claims_supported", TokenMinter.claimsSupported());
        return doc;
    }

    /** The public JWKS as JSON: each key with kid, {@code use=sig} and alg; never a private member. */
    public Map<String, Object> jwks() {
        return ring.publicKeys().toJSONObject(true);
    }
}
