package dev.credbroker.cli.audit;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code --since}: an instant ({@code 2025-03-01T10:00:00Z}), a UTC date ({@code 2025-03-01}), or a time ago
 * ({@code 30m}, {@code 24h}, {@code 7d}).
 */
final class Since implements ITypeConverter<Instant> {
    static Clock clock = Clock.systemUTC();

    @Override
    public Instant convert(String value) {
        try {
            if (value.matches("\\d+[mhd]")) {
                long n = Long.parseLong(value.substring(0, value.length() - 1));
                Duration ago = switch (value.charAt(value.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return clock.instant().minus(ago);
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an instant (2025-03-01T10:00:00Z), a date "
                    + "(2025-03-01) or a time ago (30m, 24h, 7d)");
        }
    }
}
