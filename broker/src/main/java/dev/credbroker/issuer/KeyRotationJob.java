package dev.credbroker.issuer;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.KeyRotated;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the issuer keys when the active one has signed for {@code broker.issuer.rotation-period}, and
 * drops retired keys whose tokens have all expired. It checks every {@code broker.issuer.rotation-check-interval}
 * (default 1h) rather than sleeping a whole period, so a restart does not reset the clock: the period counts
 * from the key's activation recorded on disk. Off with {@code broker.issuer.rotation-enabled=false} and in
 * the CLI.
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
@Requires(property = IssuerConfiguration.PREFIX + ".rotation-enabled", notEquals = "false")
@Requires(notEnv = Environment.CLI)
public class KeyRotationJob {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationJob.class);

    private final KeyRing ring;
    private final AuditLog audit;

    public KeyRotationJob(KeyRing ring, AuditLog audit) {
        this.ring = ring;
        this.audit = audit;
    }

    @Scheduled(fixedDelay = "${broker.issuer.rotation-check-interval:1h}",
            initialDelay = "${broker.issuer.rotation-check-initial-delay:1m}")
    void rotateIfDue() {
        try {
            ring.rotateIfDue().ifPresent(r -> audit.record(new KeyRotated(r.activeKid(), r.nextKid(), r.retiredKid())));
        } catch (RuntimeException e) {
            // the ring is unchanged; the next check tries again
            LOG.error("scheduled issuer key rotation failed: {}", e.getMessage());
        }
    }
}
