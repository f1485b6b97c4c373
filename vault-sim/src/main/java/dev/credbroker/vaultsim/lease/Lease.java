package dev.credbroker.vaultsim.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A secret's lease: who created it, until when it lives, and what its engine needs to revoke it. */
public final class Lease {
    final String id;
    final String tokenId;
    final String mountPath;
    final Map<String, Object> internal;
    final Instant issueTime;
    final Instant maxExpire;
    final boolean renewable;
    Instant expireTime;
    Instant lastRenewal;

    Lease(String id, String tokenId, String mountPath, Map<String, Object> internal, Instant issueTime,
          Duration ttl, Duration maxTtl, boolean renewable) {
        this.id = id;
        this.tokenId = tokenId;
        this.mountPath = mountPath;
        this.internal = Map.copyOf(internal);
        this.issueTime = issueTime;
        this.expireTime = issueTime.plus(ttl);
        this.maxExpire = issueTime.plus(maxTtl);
        this.renewable = renewable;
    }

    public String id() {
        return id;
    }

    public String tokenId() {
        return tokenId;
    }

    public String mountPath() {
        return mountPath;
    }

    public Map<String, Object> internal() {
        return internal;
    }

    public synchronized Instant expireTime() {
        return expireTime;
    }
}
