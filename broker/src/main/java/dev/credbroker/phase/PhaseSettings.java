package dev.credbroker.phase;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code broker.phases.*}: how long a phase may go without a heartbeat, its hard maximum, when leases are
 * renewed, and the revoker's pace. Defaults suit HCP-like runs: 5-minute heartbeats, phases up to 4 hours.
 * A duration that is zero or negative, or a {@code retry-min} above {@code retry-max}, stops the broker at startup,
 * naming the key. The reaper's own pace ({@code reaper-interval}, {@code reaper-initial-delay}) is read by
 * {@link Reaper}'s schedule, not here.
 * <p>
 * {@code heartbeat-timeout} and {@code max-duration} are also set in {@code application.yml} from
 * {@code BROKER_HEARTBEAT_TIMEOUT} and {@code BROKER_PHASE_MAX_DURATION}, whose names Micronaut would not map to
 * these keys by itself; those placeholders repeat {@link #DEFAULT_HEARTBEAT_TIMEOUT} and
 * {@link #DEFAULT_MAX_DURATION} because the operator kit reads the phase limit from that file, and
 * {@code ConfigurationValidationTest} holds the two equal.
 *
 * @param heartbeatTimeout a phase with no heartbeat for this long is revoked
 * @param maxDuration      a phase's hard end, counted from its open; Vault tokens are capped to match
 * @param renewWithin      leases ending sooner than this are renewed
 * @param renewIncrement   what a renewal asks Vault for
 * @param claimDuration    how long one instance holds a session it is revoking before another may take it
 * @param retryMin         the first wait after a failed revocation; each failure doubles it
 * @param retryMax         the longest wait between revocation attempts
 * @param instanceId       names this broker in session claims; a fresh UUID per process unless set
 */
@ConfigurationProperties(PhaseSettings.PREFIX)
public record PhaseSettings(
        @Bindable(defaultValue = PhaseSettings.DEFAULT_HEARTBEAT_TIMEOUT)
        @NotNull(message = PhaseSettings.PREFIX + ".heartbeat-timeout must be a duration such as 5m")
        Duration heartbeatTimeout,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_MAX_DURATION)
        @NotNull(message = PhaseSettings.PREFIX + ".max-duration must be a duration such as 4h")
        Duration maxDuration,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_RENEW_WITHIN)
        @NotNull(message = PhaseSettings.PREFIX + ".renew-within must be a duration such as 5m")
        Duration renewWithin,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_RENEW_INCREMENT)
        @NotNull(message = PhaseSettings.PREFIX + ".renew-increment must be a duration such as 30m")
        Duration renewIncrement,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_CLAIM_DURATION)
        @NotNull(message = PhaseSettings.PREFIX + ".claim-duration must be a duration such as 1m")
        Duration claimDuration,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_RETRY_MIN)
        @NotNull(message = PhaseSettings.PREFIX + ".retry-min must be a duration such as 5s")
        Duration retryMin,
        @Bindable(defaultValue = PhaseSettings.DEFAULT_RETRY_MAX)
        @NotNull(message = PhaseSettings.PREFIX + ".retry-max must be a duration such as 5m")
        Duration retryMax,
        @Nullable String instanceId) {
    public static final String PREFIX = "broker.phases";
    public static final String DEFAULT_HEARTBEAT_TIMEOUT = "5m";
    public static final String DEFAULT_MAX_DURATION = "4h";
    static final String DEFAULT_RENEW_WITHIN = "5m";
    static final String DEFAULT_RENEW_INCREMENT = "30m";
    static final String DEFAULT_CLAIM_DURATION = "1m";
    static final String DEFAULT_RETRY_MIN = "5s";
    static final String DEFAULT_RETRY_MAX = "5m";

    public PhaseSettings {
        positive("heartbeat-timeout", heartbeatTimeout);
        positive("max-duration", maxDuration);
        positive("renew-within", renewWithin);
        positive("renew-increment", renewIncrement);
        positive("claim-duration", claimDuration);
        positive("retry-min", retryMin);
        positive("retry-max", retryMax);
        if (retryMin != null && retryMax != null && retryMin.compareTo(retryMax) > 0) {
            throw new ConfigurationException(PREFIX + ".retry-min (" + retryMin + ") must not exceed "
                    + PREFIX + ".retry-max (" + retryMax + ")");
        }
        instanceId = instanceId == null || instanceId.isBlank() ? UUID.randomUUID().toString() : instanceId;
    }

    /** What the broker runs with when nothing is configured, with a fresh {@link #instanceId()}. */
    public static PhaseSettings defaults() {
        return new PhaseSettings(duration(DEFAULT_HEARTBEAT_TIMEOUT), duration(DEFAULT_MAX_DURATION),
                duration(DEFAULT_RENEW_WITHIN), duration(DEFAULT_RENEW_INCREMENT), duration(DEFAULT_CLAIM_DURATION),
                duration(DEFAULT_RETRY_MIN), duration(DEFAULT_RETRY_MAX), null);
    }

    /** Exponential backoff between revocation attempts, capped. */
    Duration backoff(int attempts) {
        Duration next = retryMin.multipliedBy(1L << Math.min(attempts, 16));
        return next.compareTo(retryMax) > 0 ? retryMax : next;
    }

    // null is left to the @NotNull above, which names the key and the expected form
    private static void positive(String key, @Nullable Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new ConfigurationException(PREFIX + "." + key + " must be a positive duration, not " + value);
        }
    }

    /** The short forms the defaults above are written in: {@code 5s}, {@code 5m}, {@code 4h}. */
    static Duration duration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("not a default duration: " + text);
        };
    }
}
