package dev.credbroker.issuer;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The issuer's public keys for a verifier that can't fetch the JWKS (Vault's {@code jwt_validation_pubkeys}):
 * read from a key directory without touching it, or taken from a JWKS, and written as X.509
 * {@code PUBLIC KEY} PEM blocks. Only public halves ever leave this class.
 */
public final class IssuerPublicKeys {
    private IssuerPublicKeys() {
    }

    /**
     * The keys {@code keyring.json} records (active, next and retired, as the JWKS publishes them), public halves
     * only. Unlike {@link KeyRing} this creates, adopts, prunes and rewrites nothing: the directory may belong to a
     * running broker, or be a copy.
     *
     * @throws IssuerKeyException when the directory is not an issuer key directory or a recorded key is missing
     */
    public static JWKSet fromKeyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IssuerKeyException(dir + " is not a directory");
        }
        KeyRingStore store = new KeyRingStore(dir.toAbsolutePath().normalize());
        List<KeyRingStore.Entry> entries = store.readMetadata().orElseThrow(() -> new IssuerKeyException(
                "no " + KeyRingStore.METADATA_FILE + " in " + dir + ": not an issuer key directory"
                        + " (the broker writes one when it first starts)"));
        List<JWK> keys = new ArrayList<>();
        for (KeyRingStore.Entry entry : entries) {
            JWK jwk = store.readKey(entry.file()).orElseThrow(() -> new IssuerKeyException(
                    dir.resolve(entry.file()) + " (kid " + entry.kid() + ") is missing"));
            if (!jwk.getKeyID().equals(entry.kid())) {
                throw new IssuerKeyException(entry.file() + " does not hold the key " + KeyRingStore.METADATA_FILE
                        + " records for it (kid " + entry.kid() + ")");
            }
            keys.add(jwk.toPublicJWK());
        }
        if (keys.isEmpty()) {
            throw new IssuerKeyException(KeyRingStore.METADATA_FILE + " in " + dir + " records no key");
        }
        return new JWKSet(keys);
    }

    /** One {@code PUBLIC KEY} PEM block per key, in the set's order; private members of the set are dropped. */
    public static String pem(JWKSet keys) {
        StringBuilder out = new StringBuilder();
        for (JWK key : keys.toPublicJWKSet().getKeys()) {
            out.append(PemKeys.write(key.toPublicJWK()));
        }
        return out.toString();
    }
}
