package dev.credbroker.vaultsim.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's duration handling ({@code parseutil.ParseDurationSecond} and Go's {@code time.Duration.String()}), shared
 * by the engines. Instances are never created.
 */
public final class Durations {

    /** One Go duration term: a decimal number and its unit, e.g. {@code 1.5h} or {@code 30m}. */
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h|d)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private Durations() {
    }

    /**
     * Parses what Vault accepts for a {@code TypeDurationSecond} field: a JSON number (seconds), a string of digits
     * (seconds), or a Go duration string such as {@code "1h30m"}, {@code "90s"} or Vault's extra {@code "7d"}.
     *
     * @param value a {@link Number} or {@link CharSequence}; must not be {@literal null}
     * @return the duration, never negative
     * @throws IllegalArgumentException with Go's wording ({@code time: invalid duration "x"}) if it cannot be parsed
     */
    public static Duration parse(Object value) {
        if (value instanceof Number number) {
            BigDecimal seconds = new BigDecimal(number.toString());
            if (seconds.signum() < 0) {
                throw invalid(value);
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
        if (!(value instanceof CharSequence)) {
            throw invalid(value);
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return Duration.ZERO;
        }
        if (INTEGER.matcher(text).matches()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = TERM.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(value);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Go's {@code time.Duration.String()}: {@code 1h0m0s}, {@code 30m0s}, {@code 1m30s}, {@code 1.5s}, {@code 0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(nanos < 0 ? "-" : "");
        nanos = Math.abs(nanos);
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return out.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return out.append(decimal(nanos, 3)).append("µs").toString();
            }
            return out.append(decimal(nanos, 6)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long secNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(secNanos, 9)).append('s').toString();
    }

    private static String decimal(long value, int scale) {
        return new BigDecimal(value).movePointLeft(scale).stripTrailingZeros().toPlainString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }

    private static IllegalArgumentException invalid(Object value) {
        return new IllegalArgumentException("time: invalid duration \"" + value + "\"");
    }
}
