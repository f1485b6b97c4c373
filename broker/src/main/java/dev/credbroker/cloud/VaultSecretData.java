package dev.credbroker.cloud;

import dev.credbroker.vault.VaultSecret;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the fields of a secrets engine's answer. Credential values must be non-blank and free of control
 * characters: they end up in environment variables and in line-based files (an AWS credentials file), where a
 * newline would inject content. Failures name the path and field, never the value.
 */
public final class VaultSecretData {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private VaultSecretData() {
    }

    /** A required credential string. */
    public static String required(VaultSecret secret, String path, String field) {
        return optional(secret, path, field)
                .orElseThrow(() -> new MalformedVaultResponseException(path, "answer lacks " + field));
    }

    /** An optional credential string; absent, {@code null} or empty counts as absent. */
    public static Optional<String> optional(VaultSecret secret, String path, String field) {
        Object value = secret.data().get(field);
        if (value == null || (value instanceof String s && s.isEmpty())) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isBlank() || s.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedVaultResponseException(path, field + " is not a single-line string");
        }
        return Optional.of(s);
    }

    /** A non-negative whole number, given by Vault as a JSON number or a string of digits. */
    public static Optional<Long> number(VaultSecret secret, String path, String field) {
        Object value = secret.data().get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.floor(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s && DIGITS.matcher(s).matches()) {
            return Optional.of(Long.parseLong(s));
        }
        throw new MalformedVaultResponseException(path, field + " is not a whole number");
    }

    /** {@code now + lease_duration}, or empty when Vault gave no duration. */
    public static Optional<Instant> leaseExpiry(VaultSecret secret, Instant now) {
        if (secret.leaseDuration().isZero() || secret.leaseDuration().isNegative()) {
            return Optional.empty();
        }
        return Optional.of(now.plus(secret.leaseDuration()));
    }
}
