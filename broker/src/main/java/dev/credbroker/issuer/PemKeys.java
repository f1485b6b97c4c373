package dev.credbroker.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the issuer's key files: a PKCS#8 {@code PRIVATE KEY} PEM block, optionally followed by
 * an X.509 {@code PUBLIC KEY} block (the broker writes both; an operator may supply the private block
 * alone). A retired key's file keeps the public block only. Error messages name the file, never the key.
 */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private PemKeys() {
    }

    /** The PEM text of a JWK: private block (when the JWK has one) and public block. */
    static String write(JWK jwk) {
        try {
            StringBuilder out = new StringBuilder();
            PublicKey pub;
            PrivateKey priv = null;
            if (jwk instanceof RSAKey rsa) {
                pub = rsa.toRSAPublicKey();
                priv = rsa.isPrivate() ? rsa.toRSAPrivateKey() : null;
            } else if (jwk instanceof ECKey ec) {
                pub = ec.toECPublicKey();
                priv = ec.isPrivate() ? ec.toECPrivateKey() : null;
            } else {
                throw new IssuerKeyException("unsupported key type " + jwk.getKeyType());
            }
            if (priv != null) {
                block(out, PRIVATE, priv.getEncoded());
            }
            block(out, PUBLIC, pub.getEncoded());
            return out.toString();
        } catch (JOSEException e) {
            throw new IssuerKeyException("could not encode key " + jwk.getKeyID(), e);
        }
    }

    private static void block(StringBuilder out, String type, byte[] der) {
        out.append("-----BEGIN ").append(type).append("-----\n")
                .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der))
                .append("\n-----END ").append(type).append("-----\n");
    }

    /**
     * Parses a key file into a JWK whose {@code kid} is the RFC 7638 thumbprint, {@code use=sig} and
     * {@code alg} set: RS256 for RSA keys, ES256 for P-256 keys. Private when the file has a private block.
     *
     * @param name the file's name, for messages
     */
    static JWK read(String name, String pem) {
        Map<String, byte[]> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY")) {
                throw new IssuerKeyException(name + ": " + type + " (PKCS#1/SEC1) is not supported; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt' to a PKCS#8 PRIVATE KEY");
            }
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IssuerKeyException(name + ": encrypted private keys are not supported");
            }
            try {
                blocks.putIfAbsent(type, Base64.getMimeDecoder().decode(m.group(2)));
            } catch (IllegalArgumentException e) {
                throw new IssuerKeyException(name + ": the " + type + " block is not valid base64");
            }
        }
        byte[] privDer = blocks.get(PRIVATE);
        byte[] pubDer = blocks.get(PUBLIC);
        if (privDer == null && pubDer == null) {
            throw new IssuerKeyException(name + ": no PKCS#8 PRIVATE KEY or PUBLIC KEY PEM block found");
        }
        try {
            JWK jwk = privDer != null ? fromPrivate(name, privDer, pubDer) : fromPublic(name, pubDer);
            return jwk;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IssuerKeyException(name + ": not a usable RSA or P-256 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JWK fromPrivate(String name, byte[] privDer, byte[] pubDer)
            throws GeneralSecurityException, JOSEException {
        PrivateKey priv = parsePrivate(privDer);
        if (priv instanceof RSAPrivateKey rsaPriv) {
            RSAPublicKey pub;
            if (pubDer != null) {
                pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pubDer));
            } else if (rsaPriv instanceof RSAPrivateCrtKey crt) {
                pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } else {
                throw new IssuerKeyException(name + ": RSA key without CRT parameters needs a PUBLIC KEY block too");
            }
            if (!pub.getModulus().equals(rsaPriv.getModulus())) {
                throw new IssuerKeyException(name + ": the PUBLIC KEY block does not belong to the private key");
            }
            if (pub.getModulus().bitLength() < 2048) {
                throw new IssuerKeyException(name + ": RSA keys must have at least 2048 bits");
            }
            return new RSAKey.Builder(pub).privateKey(rsaPriv).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint().build();
        }
        ECPrivateKey ecPriv = (ECPrivateKey) priv;
        Curve curve = Curve.forECParameterSpec(ecPriv.getParams());
        if (!Curve.P_256.equals(curve)) {
            throw new IssuerKeyException(name + ": only EC keys on P-256 are supported");
        }
        ECPublicKey pub;
        if (pubDer != null) {
            pub = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pubDer));
        } else {
            ECPoint w = multiply(ecPriv.getParams(), ecPriv.getS());
            pub = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ecPriv.getParams()));
        }
        if (!pub.getW().equals(multiply(ecPriv.getParams(), ecPriv.getS()))) {
            throw new IssuerKeyException(name + ": the PUBLIC KEY block does not belong to the private key");
        }
        return new ECKey.Builder(Curve.P_256, pub).privateKey(ecPriv).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint().build();
    }

    private static JWK fromPublic(String name, byte[] pubDer) throws GeneralSecurityException, JOSEException {
        PublicKey pub = parsePublic(pubDer);
        if (pub instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint().build();
        }
        ECPublicKey ec = (ECPublicKey) pub;
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            throw new IssuerKeyException(name + ": only EC keys on P-256 are supported");
        }
        return new ECKey.Builder(Curve.P_256, ec).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint().build();
    }

    private static PrivateKey parsePrivate(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    private static PublicKey parsePublic(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
    }

    /**
     * {@code s·G} on a prime curve, in affine coordinates. The JDK derives no EC public key from a private
     * one, and a PKCS#8 file from elsewhere need not carry it. Runs once per key load, not per token.
     */
    static ECPoint multiply(ECParameterSpec params, BigInteger s) {
        EllipticCurve curve = params.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger a = curve.getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = params.getGenerator();
        for (int i = 0; i < s.bitLength(); i++) {
            if (s.testBit(i)) {
                result = add(result, addend, p, a);
            }
            addend = add(addend, addend, p, a);
        }
        return result;
    }

    private static ECPoint add(ECPoint q, ECPoint r, BigInteger p, BigInteger a) {
        if (q.equals(ECPoint.POINT_INFINITY)) {
            return r;
        }
        if (r.equals(ECPoint.POINT_INFINITY)) {
            return q;
        }
        BigInteger lambda;
        if (q.getAffineX().equals(r.getAffineX())) {
            if (q.getAffineY().add(r.getAffineY()).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            BigInteger x = q.getAffineX();
            lambda = x.pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(q.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = r.getAffineY().subtract(q.getAffineY())
                    .multiply(r.getAffineX().subtract(q.getAffineX()).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.pow(2).subtract(q.getAffineX()).subtract(r.getAffineX()).mod(p);
        BigInteger y3 = lambda.multiply(q.getAffineX().subtract(x3)).subtract(q.getAffineY()).mod(p);
        return new ECPoint(x3, y3);
    }
}
