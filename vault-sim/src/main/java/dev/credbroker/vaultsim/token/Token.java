package dev.credbroker.vaultsim.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service token. {@code expireTime} null means it never expires (the root token); {@code maxExpire} is
 * where renewals stop (the role's max TTL or explicit max TTL, whichever is sooner).
 */
public final class Token {
    final String id;
    final String accessor;
    final List<String> policies;
    final Map<String, String> meta;
    final String path;
    final String displayName;
    final String parentId;
    final Instant creationTime;
    final Duration creationTtl;
    final Duration explicitMaxTtl;
    final Instant maxExpire;
    final boolean renewable;
    final String entityId;
    final Duration period;
    Instant expireTime;
    int numUses;

    Token(String id, String accessor, List<String> policies, Map<String, String> meta, String path,
          String displayName, String parentId, Instant creationTime, Duration ttl, Duration explicitMaxTtl,
          Instant maxExpire, boolean renewable, int numUses, String entityId, Duration period) {
        this.id = id;
        this.accessor = accessor;
        this.policies = List.copyOf(policies);
        this.meta = Map.copyOf(meta);
        this.path = path;
        this.displayName = displayName;
        this.parentId = parentId;
        this.creationTime = creationTime;
        this.creationTtl = ttl;
        this.explicitMaxTtl = explicitMaxTtl;
        this.maxExpire = maxExpire;
        this.renewable = renewable;
        this.numUses = numUses;
        this.entityId = entityId;
        this.period = period;
        this.expireTime = ttl.isZero() ? null : creationTime.plus(ttl);
    }

    public String id() {
        return id;
    }

    public String accessor() {
        return accessor;
    }

    public List<String> policies() {
        return policies;
    }

    /** Where the token was made: {@code auth/<mount>/login}, {@code auth/token/create}, … */
    public String path() {
        return path;
    }

    public Map<String, String> meta() {
        return meta;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isRoot() {
        return policies.contains("root");
    }

    public synchronized Instant expireTime() {
        return expireTime;
    }

    public synchronized int numUses() {
        return numUses;
    }

    public boolean renewable() {
        return renewable;
    }

    synchronized boolean expiredAt(Instant now) {
        return expireTime != null && !now.isBefore(expireTime);
    }

    synchronized long ttlSeconds(Instant now) {
        return expireTime == null ? 0 : Math.max(0, Duration.between(now, expireTime).getSeconds());
    }
}
