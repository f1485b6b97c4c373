package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.lease.RevocationSettings;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures a test can switch on while the sim runs: latency on every request, the next requests under a
 * path prefix answered with an error status or cut off without an answer, a sealed barrier, and how leases
 * are revoked: the delay before a revoked token's leases are revoked in the background, and engine
 * revocations that fail in the background only or everywhere.
 */
public final class Faults implements RevocationSettings {
    /**
     * Default wall-clock delay before a queued lease's first background revocation attempt: short, but long
     * enough that a revoked token's credentials demonstrably outlive the 204, as they do in Vault.
     */
    public static final Duration DEFAULT_QUEUED_REVOCATION_DELAY = Duration.ofMillis(200);
    /** Vault's revokeRetryBase (expiration.go). */
    public static final Duration DEFAULT_REVOCATION_RETRY_BASE = Duration.ofSeconds(10);

    /** What to do to one request. {@code status == 0} means: close the connection without answering. */
    public record Injected(String pathPrefix, int status) {
    }

    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicBoolean sealed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Injected> pending = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Duration> queuedRevocationDelay =
            new AtomicReference<>(DEFAULT_QUEUED_REVOCATION_DELAY);
    private final AtomicReference<Duration> revocationRetryBase = new AtomicReference<>(DEFAULT_REVOCATION_RETRY_BASE);
    private final AtomicBoolean queuedRevocationsFail = new AtomicBoolean();
    private final AtomicBoolean engineRevocationsFail = new AtomicBoolean();

    public void latency(Duration perRequest) {
        latency.set(perRequest);
    }

    public Duration latency() {
        return latency.get();
    }

    /** The next {@code count} requests whose path (after {@code /v1/}) starts with the prefix get {@code status}. */
    public void failNext(String pathPrefix, int count, int status) {
        for (int i = 0; i < count; i++) {
            pending.add(new Injected(pathPrefix, status));
        }
    }

    /** The next {@code count} requests under the prefix see their connection closed before any answer. */
    public void dropNext(String pathPrefix, int count) {
        failNext(pathPrefix, count, 0);
    }

    public void seal() {
        sealed.set(true);
    }

    public void unseal() {
        sealed.set(false);
    }

    public boolean sealed() {
        return sealed.get();
    }

    /** How long after a token's revocation (or a {@code sync=false} revoke) its leases are revoked. */
    public void queuedRevocationDelay(Duration delay) {
        queuedRevocationDelay.set(delay);
    }

    @Override
    public Duration queuedRevocationDelay() {
        return queuedRevocationDelay.get();
    }

    /** Base of the exponential backoff between failed background attempts (Vault: 10 s, 6 attempts). */
    public void revocationRetryBase(Duration base) {
        revocationRetryBase.set(base);
    }

    @Override
    public Duration revocationRetryBase() {
        return revocationRetryBase.get();
    }

    /**
     * Background revocations fail while on: a revoked token's leases stay live, are retried with backoff and
     * end up irrevocable. An explicit {@code sys/leases/revoke} still revokes at once.
     */
    public void failQueuedRevocations(boolean fail) {
        queuedRevocationsFail.set(fail);
    }

    @Override
    public boolean queuedRevocationsFail() {
        return queuedRevocationsFail.get();
    }

    /**
     * Every engine revocation fails while on, as when the cloud refuses: an explicit {@code sys/leases/revoke}
     * answers 400 and the lease stays; background attempts fail too.
     */
    public void failEngineRevocations(boolean fail) {
        engineRevocationsFail.set(fail);
    }

    @Override
    public boolean engineRevocationsFail() {
        return engineRevocationsFail.get();
    }

    public void clear() {
        pending.clear();
        latency.set(Duration.ZERO);
        sealed.set(false);
        queuedRevocationDelay.set(DEFAULT_QUEUED_REVOCATION_DELAY);
        revocationRetryBase.set(DEFAULT_REVOCATION_RETRY_BASE);
        queuedRevocationsFail.set(false);
        engineRevocationsFail.set(false);
    }

    public Optional<Injected> take(String path) {
        for (Injected candidate : pending) {
            if (path.startsWith(candidate.pathPrefix()) && pending.remove(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
