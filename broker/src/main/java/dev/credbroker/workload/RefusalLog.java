package dev.credbroker.workload;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One WARN line per refused token (bad, untrusted, expired, replayed, keys unreachable), so an operator sees an
 * attack or a misconfigured issuer. Lines show the reason, issuer, {@code kid} and {@code jti} — never the token —
 * with every quoted value bounded and stripped of control characters (no forged log lines). At most
 * {@code broker.workload.refusal-log-per-minute} lines (default 60) are written a minute, so a flood of bad
 * tokens cannot fill the disk; the next line written says how many were left out.
 */
@Singleton
public class RefusalLog {
    static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_VALUE_LENGTH = 80;
    private static final int MAX_REASON_LENGTH = 300;

    private final int perWindow;
    private final Clock clock;
    private Instant windowStart = Instant.MIN;
    private int written;
    private long suppressed;

    @Inject
    public RefusalLog(WorkloadSettings settings, Clock clock) {
        this.perWindow = settings.refusalLogPerMinute();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param reason the refusal as the caller was told it (secret-free by contract)
     * @param facts  what was read of the token before it was refused; any part may be unknown
     */
    public void refused(String reason, TokenFacts facts) {
        long left;
        synchronized (this) {
            Instant now = clock.instant();
            if (!windowStart.plus(WINDOW).isAfter(now)) {
                windowStart = now;
                written = 0;
            }
            if (written >= perWindow) {
                suppressed++;
                return;
            }
            written++;
            left = suppressed;
            suppressed = 0;
        }
        LOG.warn("refused a token: {} (issuer={}, kid={}, jti={}){}", clean(reason, MAX_REASON_LENGTH),
                clean(facts.issuer(), MAX_VALUE_LENGTH), clean(facts.kid(), MAX_VALUE_LENGTH),
                clean(facts.jti(), MAX_VALUE_LENGTH),
                left == 0 ? "" : "; " + left + " earlier refusal(s) were not logged (rate limit)");
    }

    static String clean(String value, int max) {
        if (value == null) {
            return "-";
        }
        String v = value.length() > max ? value.substring(0, max) + "…" : value;
        return v.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }
}
