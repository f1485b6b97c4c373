package dev.credbroker.vaultsim.auth.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.credbroker.vaultsim.VaultError;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A {@code BEGIN PUBLIC KEY} PEM (SubjectPublicKeyInfo), RSA or EC, as {@code jwt_validation_pubkeys} takes
 * them; parsed with the JDK so the sim needs no BouncyCastle.
 */
final class PublicKeyPem {
    private PublicKeyPem() {
    }

    static JWK parse(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof RSAPublicKey rsa) {
                    return new RSAKey.Builder(rsa).build();
                }
                if (key instanceof ECPublicKey ec) {
                    return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
                }
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw invalid();
    }

    private static VaultError invalid() {
        return VaultError.badRequest("error parsing public key: no RSA or EC public key found in PEM");
    }
}
