package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.VaultError;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's duration parameters: an integer number of seconds, or a Go duration string such as
 * {@code 20m}, {@code 1h30m}, {@code 90s}; Vault also accepts {@code d} for days.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private GoDuration() {
    }

    /** @return {@code fallback} when the value is absent */
    public static Duration parse(Object value, Duration fallback) {
        if (value == null || "".equals(value)) {
            return fallback;
        }
        if (value instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String text = value.toString().trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(text);
            }
            long amount = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw invalid(text);
        }
        return total;
    }

    private static VaultError invalid(String text) {
        return VaultError.badRequest("time: invalid duration \"" + text + "\"");
    }
}
