package dev.credbroker.vaultsim.lease;

import java.time.Duration;

/**
 * How the sim's expiration manager revokes leases it only queued (a revoked or expired token's leases,
 * {@code sys/leases/revoke} with {@code sync=false}) and whether revocation through the engine fails.
 * {@link dev.credbroker.vaultsim.Faults} implements it, so tests turn these knobs while the sim runs.
 */
public interface RevocationSettings {

    /** Wall-clock time between queueing a lease and the background task's first revocation attempt. */
    Duration queuedRevocationDelay();

    /** Vault's {@code revokeRetryBase}: a failed attempt {@code n} is retried after {@code base * 2^n}. */
    Duration revocationRetryBase();

    /** Background attempts fail (the lease stays live); explicit revocations are unaffected. */
    boolean queuedRevocationsFail();

    /** Every revocation through the engine fails, explicit ones included (400, lease kept). */
    boolean engineRevocationsFail();
}
