package dev.credbroker.vaultsim.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A secret's lease: who created it, until when it lives, and what its engine needs to revoke it. Once queued
 * for revocation (its token was revoked, or {@code sync=false}) it is marked expired and waits for the
 * background task; after {@link LeaseManager#MAX_REVOKE_ATTEMPTS} failed attempts it is irrevocable and stays.
 */
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
    boolean queued;
    int revokeAttempts;
    String irrevocableReason;

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

    /** Waiting for the background revocation (or given up on as irrevocable). */
    public synchronized boolean queued() {
        return queued;
    }

    public synchronized boolean irrevocable() {
        return irrevocableReason != null;
    }
}
