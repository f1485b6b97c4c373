package dev.credbroker.vaultsim.auth.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.credbroker.vaultsim.VaultError;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a JWT mount's verification keys come from: PEM public keys, a JWKS URL (fetched at config time, as
 * Vault does to reject a bad URL early, and again when a token names an unknown {@code kid}), or an OIDC
 * discovery URL whose {@code jwks_uri} is then used the same way.
 */
final class JwtKeys {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI jwksUrl;
    private final AtomicReference<List<JWK>> keys;

    private JwtKeys(URI jwksUrl, List<JWK> keys) {
        this.jwksUrl = jwksUrl;
        this.keys = new AtomicReference<>(List.copyOf(keys));
    }

    static JwtKeys fromPems(List<String> pems) {
        List<JWK> keys = new ArrayList<>();
        for (String pem : pems) {
            keys.add(PublicKeyPem.parse(pem));
        }
        return new JwtKeys(null, keys);
    }

    static JwtKeys fromJwksUrl(String url) {
        URI uri = URI.create(url);
        try {
            return new JwtKeys(uri, fetch(uri));
        } catch (IOException | ParseException e) {
            throw VaultError.badRequest("error checking jwks URL: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static JwtKeys fromDiscovery(String discoveryUrl) {
        URI document = URI.create(discoveryUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            Map<String, Object> config = new ObjectMapper().readValue(get(document), Map.class);
            Object jwksUri = config.get("jwks_uri");
            if (jwksUri == null) {
                throw VaultError.badRequest("error checking oidc discovery URL: no jwks_uri");
            }
            return fromJwksUrl(jwksUri.toString());
        } catch (IOException e) {
            throw VaultError.badRequest("error checking oidc discovery URL: " + e.getMessage());
        }
    }

    List<JWK> current() {
        return keys.get();
    }

    /** Fetches the JWKS again, as the plugin's key set does when a token's {@code kid} is unknown. */
    List<JWK> refresh() {
        if (jwksUrl == null) {
            return keys.get();
        }
        try {
            keys.set(fetch(jwksUrl));
        } catch (IOException | ParseException e) {
            // The old keys stay; the token then fails verification, which is what Vault reports too.
        }
        return keys.get();
    }

    private static List<JWK> fetch(URI uri) throws IOException, ParseException {
        return JWKSet.parse(get(uri)).getKeys();
    }

    private static String get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
