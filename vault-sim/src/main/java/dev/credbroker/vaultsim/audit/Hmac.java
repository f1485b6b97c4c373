package dev.credbroker.vaultsim.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An audit device's salt and Vault's {@code hmac-sha256:<hex>} rendering of sensitive strings. */
public final class Hmac {
    private final byte[] salt = new byte[32];

    public Hmac() {
        new SecureRandom().nextBytes(salt);
    }

    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Every string value, at any depth, replaced by its HMAC; keys, numbers and booleans stay, as in Vault. */
    public Object hashValues(Object value) {
        if (value instanceof String s) {
            return hash(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), hashValues(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::hashValues).toList();
        }
        return value;
    }
}
