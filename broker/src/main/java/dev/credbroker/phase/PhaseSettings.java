package dev.credbroker.phase;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.UUID;

/**
 * {@code broker.phases.*}: how long a phase may go without a heartbeat, its hard maximum, when leases are
 * renewed, and the reaper's pace. Defaults suit HCP-like runs: 5-minute heartbeats, phases up to 4 hours.
 */
@ConfigurationProperties("broker.phases")
public class PhaseSettings {
    private Duration heartbeatTimeout = Duration.ofMinutes(5);
    private Duration maxDuration = Duration.ofHours(4);
    private Duration renewWithin = Duration.ofMinutes(5);
    private Duration renewIncrement = Duration.ofMinutes(30);
    private Duration claimDuration = Duration.ofMinutes(1);
    private Duration retryMin = Duration.ofSeconds(5);
    private Duration retryMax = Duration.ofMinutes(5);
    private String instanceId = UUID.randomUUID().toString();

    public Duration getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    public void setHeartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public Duration getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
        this.maxDuration = maxDuration;
    }

    public Duration getRenewWithin() {
        return renewWithin;
    }

    public void setRenewWithin(Duration renewWithin) {
        this.renewWithin = renewWithin;
    }

    public Duration getRenewIncrement() {
        return renewIncrement;
    }

    public void setRenewIncrement(Duration renewIncrement) {
        this.renewIncrement = renewIncrement;
    }

    public Duration getClaimDuration() {
        return claimDuration;
    }

    public void setClaimDuration(Duration claimDuration) {
        this.claimDuration = claimDuration;
    }

    public Duration getRetryMin() {
        return retryMin;
    }

    public void setRetryMin(Duration retryMin) {
        this.retryMin = retryMin;
    }

    public Duration getRetryMax() {
        return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    /** Names this broker in session claims; unique per process unless set. */
    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** Exponential backoff between revocation attempts, capped. */
    Duration backoff(int attempts) {
        Duration next = retryMin.multipliedBy(1L << Math.min(attempts, 16));
        return next.compareTo(retryMax) > 0 ? retryMax : next;
    }
}
