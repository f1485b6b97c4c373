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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Vault's expiration manager for secret leases: ids {@code <mount>/<path>/<random>}, renewals capped at the
 * lease's max TTL, revocation (explicit, by prefix, with the creating token, or on expiry) calling the
 * engine back exactly once.
 */
public final class LeaseManager {
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Consumer<Lease> onRevoke;

    public LeaseManager(Clock clock, Consumer<Lease> onRevoke) {
        this.clock = clock;
        this.onRevoke = onRevoke;
    }

    public Lease create(String requestPath, String tokenId, String mountPath, Map<String, Object> internal,
                        Duration ttl, Duration maxTtl, boolean renewable) {
        Lease lease = new Lease(requestPath + "/" + Ids.random(24), tokenId, mountPath, internal, clock.instant(),
                ttl, maxTtl, renewable);
        leases.put(lease.id, lease);
        return lease;
    }

    public Optional<Lease> find(String leaseId) {
        Lease lease = leaseId == null ? null : leases.get(leaseId);
        if (lease != null && !clock.instant().isBefore(lease.expireTime())) {
            revoke(lease.id);
            return Optional.empty();
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
        data.put("renewable", lease.renewable);
        data.put("ttl", Math.max(0, Duration.between(clock.instant(), expire).getSeconds()));
        return data;
    }

    /** @return the new TTL, which may be shorter than asked when the max TTL is near */
    public Duration renew(String leaseId, Duration increment) {
        Lease lease = find(leaseId).orElseThrow(() -> VaultError.badRequest("lease not found"));
        if (!lease.renewable) {
            throw VaultError.badRequest("lease is not renewable");
        }
        Instant now = clock.instant();
        Duration wanted = increment.isZero() ? Duration.between(lease.issueTime, lease.expireTime()) : increment;
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

    /** Revoking an unknown or already revoked lease succeeds, as in Vault. */
    public void revoke(String leaseId) {
        Lease lease = leaseId == null ? null : leases.remove(leaseId);
        if (lease != null) {
            onRevoke.accept(lease);
        }
    }

    public void revokePrefix(String prefix) {
        idsMatching(l -> l.id.startsWith(prefix)).forEach(this::revoke);
    }

    public void revokeCreatedBy(String tokenId) {
        idsMatching(l -> tokenId.equals(l.tokenId)).forEach(this::revoke);
    }

    public void revokeExpired() {
        Instant now = clock.instant();
        idsMatching(l -> !now.isBefore(l.expireTime())).forEach(this::revoke);
    }

    public List<String> idsUnder(String prefix) {
        return idsMatching(l -> l.id.startsWith(prefix));
    }

    public boolean exists(String leaseId) {
        return find(leaseId).isPresent();
    }

    public int liveCount() {
        return leases.size();
    }

    private List<String> idsMatching(java.util.function.Predicate<Lease> filter) {
        List<String> ids = new ArrayList<>();
        leases.values().stream().filter(filter).forEach(l -> ids.add(l.id));
        return ids;
    }
}
