package dev.credbroker.vaultsim.lease;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.core.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Vault's expiration manager for secret leases: ids {@code <mount>/<path>/<random>}, renewals capped at the
 * lease's max TTL, and revocation calling the engine back exactly once.
 *
 * <p>Explicit revocation ({@code sys/leases/revoke} with {@code sync} true, by prefix) calls the engine
 * before answering; an engine failure is reported and the lease stays. A revoked or expired token's leases
 * and {@code sync=false} revocations are only queued (expiration.go RevokeByToken / LazyRevoke: the lease is
 * marked expired and handed to the pending timers): a background task revokes them after
 * {@link RevocationSettings#queuedRevocationDelay()}, retries a failure with exponential backoff and, after
 * {@value #MAX_REVOKE_ATTEMPTS} attempts, marks the lease irrevocable, where it stays.
 */
public final class LeaseManager {
    /** Vault's maxRevokeAttempts. */
    public static final int MAX_REVOKE_ATTEMPTS = 6;

    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Consumer<Lease> onRevoke;
    private final BiFunction<Lease, Duration, Duration> onRenew;
    private final RevocationSettings settings;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService background;

    /**
     * @param onRenew the engine's renew hook: given the lease and the TTL asked for, the TTL the engine grants,
     *                or a {@code VaultError} when it refuses (GCP: the key or its roleset's bindings are gone)
     */
    public LeaseManager(Clock clock, Consumer<Lease> onRevoke, BiFunction<Lease, Duration, Duration> onRenew,
                        RevocationSettings settings) {
        this.clock = clock;
        this.onRevoke = onRevoke;
        this.onRenew = onRenew;
        this.settings = settings;
    }

    public Lease create(String requestPath, String tokenId, String mountPath, Map<String, Object> internal,
                        Duration ttl, Duration maxTtl, boolean renewable) {
        Lease lease = new Lease(requestPath + "/" + Ids.random(24), tokenId, mountPath, internal, clock.instant(),
                ttl, maxTtl, renewable);
        leases.put(lease.id, lease);
        return lease;
    }

    /** The lease, unless it expired (then it is revoked now, or queued if that fails) or was revoked. */
    public Optional<Lease> find(String leaseId) {
        Lease lease = leaseId == null ? null : leases.get(leaseId);
        if (lease != null && !lease.queued() && !clock.instant().isBefore(lease.expireTime())) {
            expire(lease);
            return Optional.ofNullable(leases.get(leaseId));
        }
        return Optional.ofNullable(lease);
    }

    public Map<String, Object> lookup(String leaseId) {
        Lease lease = find(leaseId).orElseThrow(() -> VaultError.badRequest("invalid lease"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", lease.id);
        data.put("issue_time", lease.issueTime.toString());
        Instant expire = lease.expireTime();
        data.put("expire_time", expire.toString());
        data.put("last_renewal", lease.lastRenewal == null ? null : lease.lastRenewal.toString());
        data.put("renewable", lease.renewable && !lease.queued());
        data.put("ttl", Math.max(0, Duration.between(clock.instant(), expire).getSeconds()));
        return data;
    }

    /**
     * @return the new TTL, which may be shorter than asked when the max TTL is near
     * @throws VaultError 400 {@code lease expired} for a lease queued for revocation (leaseEntry.renewable)
     */
    public Duration renew(String leaseId, Duration increment) {
        Lease lease = find(leaseId).orElseThrow(() -> VaultError.badRequest("lease not found"));
        if (lease.queued()) {
            throw VaultError.badRequest("lease expired");
        }
        if (!lease.renewable) {
            throw VaultError.badRequest("lease is not renewable");
        }
        Instant now = clock.instant();
        Duration wanted = onRenew.apply(lease,
                increment.isZero() ? Duration.between(lease.issueTime, lease.expireTime()) : increment);
        Instant until = now.plus(wanted);
        if (until.isAfter(lease.maxExpire)) {
            until = lease.maxExpire;
        }
        synchronized (lease) {
            lease.expireTime = until;
            lease.lastRenewal = now;
        }
        return Duration.between(now, until);
    }

    /**
     * Revokes through the engine before returning, queued or irrevocable leases included. Revoking an unknown
     * or already revoked lease succeeds, as in Vault.
     * @throws VaultError 400 {@code failed to revoke entry: …} when the engine fails; the lease stays
     */
    public void revoke(String leaseId) {
        Lease lease = leaseId == null ? null : leases.get(leaseId);
        if (lease != null) {
            revokeNow(lease);
        }
    }

    /** {@code sync=false}: marks the lease expired and leaves it to the background task. Unknown ids are a no-op. */
    public void queue(String leaseId) {
        Lease lease = leaseId == null ? null : leases.get(leaseId);
        if (lease != null) {
            enqueue(lease);
        }
    }

    /** What revoking a token does to the leases it created: they are queued, not revoked, before it returns. */
    public void queueCreatedBy(String tokenId) {
        matching(l -> tokenId.equals(l.tokenId)).forEach(this::enqueue);
    }

    public void revokePrefix(String prefix) {
        matching(l -> l.id.startsWith(prefix)).forEach(this::revokeNow);
    }

    /** {@code revoke-force}: the leases go whatever the engine answers (expiration.go RevokeForce). */
    public void revokeForce(String prefix) {
        for (Lease lease : matching(l -> l.id.startsWith(prefix))) {
            try {
                revokeNow(lease);
            } catch (VaultError e) {
                leases.remove(lease.id, lease);
                pending.remove(lease.id);
            }
        }
    }

    /** Leases whose TTL ran out are revoked now; one the engine fails to revoke goes to the background retries. */
    public void revokeExpired() {
        Instant now = clock.instant();
        matching(l -> !l.queued() && !now.isBefore(l.expireTime())).forEach(this::expire);
    }

    public List<String> idsUnder(String prefix) {
        return matching(l -> l.id.startsWith(prefix)).stream().map(l -> l.id).toList();
    }

    /** Live, queued and irrevocable leases: all of them can still be looked up and their secrets still work. */
    public boolean exists(String leaseId) {
        return find(leaseId).isPresent();
    }

    public boolean irrevocable(String leaseId) {
        Lease lease = leaseId == null ? null : leases.get(leaseId);
        return lease != null && lease.irrevocable();
    }

    public int liveCount() {
        return leases.size();
    }

    /**
     * Waits until no queued revocation is left to attempt: each is revoked or was given up as irrevocable.
     * @return false if some were still pending after {@code timeout}
     */
    public boolean awaitQueue(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pending, left);
            }
        }
        return true;
    }

    public synchronized void shutdown() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    private void revokeNow(Lease lease) {
        synchronized (lease) {
            if (leases.get(lease.id) != lease) {
                return; // revoked meanwhile
            }
            try {
                if (settings.engineRevocationsFail()) {
                    throw new VaultError(500, "injected engine revocation failure");
                }
                onRevoke.accept(lease);
            } catch (RuntimeException e) {
                // expiration.go revokeEntry wraps the backend's error; handleRevoke answers it as a 400.
                throw VaultError.badRequest("failed to revoke entry: resp: (*logical.Response)(nil) err: "
                        + reason(e));
            }
            leases.remove(lease.id);
        }
        done(lease.id);
    }

    private void expire(Lease lease) {
        try {
            revokeNow(lease);
        } catch (VaultError e) {
            enqueue(lease);
        }
    }

    private void enqueue(Lease lease) {
        synchronized (lease) {
            if (leases.get(lease.id) != lease || lease.irrevocable() || pending.contains(lease.id)) {
                return;
            }
            lease.queued = true;
            Instant now = clock.instant();
            if (lease.expireTime.isAfter(now)) {
                lease.expireTime = now;
            }
            pending.add(lease.id);
        }
        schedule(lease, settings.queuedRevocationDelay());
    }

    private synchronized void schedule(Lease lease, Duration delay) {
        if (background == null) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vault-sim-expiration");
                t.setDaemon(true);
                return t;
            });
        }
        if (!background.isShutdown()) {
            background.schedule(() -> attempt(lease), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** One background attempt (revocationJob.Execute / OnFailure, without the jitter). */
    private void attempt(Lease lease) {
        synchronized (lease) {
            if (leases.get(lease.id) != lease) {
                done(lease.id);
                return;
            }
            try {
                if (settings.queuedRevocationsFail() || settings.engineRevocationsFail()) {
                    throw new VaultError(500, "injected background revocation failure");
                }
                onRevoke.accept(lease);
                leases.remove(lease.id);
            } catch (RuntimeException e) {
                lease.revokeAttempts++;
                if (lease.revokeAttempts >= MAX_REVOKE_ATTEMPTS) {
                    lease.irrevocableReason = "out of retries: " + reason(e);
                } else {
                    schedule(lease, settings.revocationRetryBase().multipliedBy(1L << lease.revokeAttempts));
                    return;
                }
            }
        }
        done(lease.id);
    }

    private void done(String leaseId) {
        synchronized (pending) {
            if (pending.remove(leaseId)) {
                pending.notifyAll();
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof VaultError v && !v.errors().isEmpty() ? String.join("; ", v.errors())
                : String.valueOf(e.getMessage());
    }

    private List<Lease> matching(Predicate<Lease> filter) {
        return new ArrayList<>(leases.values().stream().filter(filter).toList());
    }
}
