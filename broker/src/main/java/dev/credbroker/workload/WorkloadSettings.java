package dev.credbroker.workload;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.workload.*} besides the trusted issuers ({@link TrustedIssuerConfiguration}). A value out of range
 * stops the broker at startup, naming the key.
 *
 * @param clockSkew           leeway on {@code exp}, {@code nbf} and {@code iat} for clocks that disagree; Vault's own
 *                            JWT auth allows 60 s ({@code clock_skew_leeway})
 * @param refusalLogPerMinute refused tokens logged a minute at most, so a flood cannot fill the disk
 */
@ConfigurationProperties(WorkloadSettings.PREFIX)
public record WorkloadSettings(
        @Bindable(defaultValue = "60s")
        @NotNull(message = WorkloadSettings.PREFIX + ".clock-skew must be a duration such as 60s")
        Duration clockSkew,
        @Bindable(defaultValue = "60")
        @Min(value = 1, message = WorkloadSettings.PREFIX + ".refusal-log-per-minute must be at least 1")
        int refusalLogPerMinute) {
    public static final String PREFIX = "broker.workload";
}
