package dev.credbroker.vaultsim.token;

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
 * Vault's token store: tokens by id and by accessor, parent/child links, TTLs, use counts. Revoking a
 * token revokes its children at once and, through {@code onRevoke}, queues every lease it created for
 * revocation in the background (token_store.go revokeTreeInternal → expiration.go RevokeByToken).
 */
public final class TokenStore {
    /** Vault's default system max TTL (32 days), the cap when neither role nor mount sets one. */
    public static final Duration SYSTEM_MAX_TTL = Duration.ofHours(768);

    private final Clock clock;
    private final Map<String, Token> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByAccessor = new ConcurrentHashMap<>();
    private final Consumer<Token> onRevoke;

    public TokenStore(Clock clock, Consumer<Token> onRevoke) {
        this.clock = clock;
        this.onRevoke = onRevoke;
    }

    /**
     * Creates a token. A periodic token escapes the max TTL (framework.CalculateTTL: "period … is defined to
     * escape the max TTL") and is bounded by its explicit max TTL only; its TTL is the period.
     */
    public Token create(TokenSpec spec) {
        Instant now = clock.instant();
        boolean periodic = !spec.period().isZero();
        Instant maxExpire = periodic ? Instant.MAX
                : now.plus(spec.maxTtl().isZero() ? SYSTEM_MAX_TTL : spec.maxTtl());
        if (!spec.explicitMaxTtl().isZero() && now.plus(spec.explicitMaxTtl()).isBefore(maxExpire)) {
            maxExpire = now.plus(spec.explicitMaxTtl());
        }
        Duration ttl = periodic ? spec.period() : spec.ttl();
        if (!ttl.isZero() && now.plus(ttl).isAfter(maxExpire)) {
            ttl = Duration.between(now, maxExpire);
        }
        Token token = new Token(Ids.serviceToken(), Ids.random(24), spec.policies(), spec.meta(), spec.path(),
                spec.displayName(), spec.parentId(), now, ttl, spec.explicitMaxTtl(), maxExpire,
                spec.renewable(), spec.numUses(), spec.entityId(), spec.period());
        byId.put(token.id, token);
        idByAccessor.put(token.accessor, token.id);
        return token;
    }

    /** The root token given at start; it never expires. */
    public Token createRoot(String id) {
        Token token = new Token(id, Ids.random(24), List.of("root"), Map.of(), "auth/token/root", "root", null,
                clock.instant(), Duration.ZERO, Duration.ZERO, Instant.MAX, false, 0, "", Duration.ZERO);
        byId.put(id, token);
        idByAccessor.put(token.accessor, id);
        return token;
    }

    public Optional<Token> lookup(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Token token = byId.get(id);
        if (token != null && token.expiredAt(clock.instant())) {
            revoke(token);
            return Optional.empty();
        }
        return Optional.ofNullable(token);
    }

    public Optional<Token> byAccessor(String accessor) {
        return Optional.ofNullable(accessor).map(idByAccessor::get).flatMap(this::lookup);
    }

    /** Counts one use; a token whose last use this was is revoked once the request is done, as in Vault. */
    public synchronized boolean consumeUse(Token token) {
        synchronized (token) {
            if (token.numUses == 0) {
                return false;
            }
            token.numUses--;
            return token.numUses == 0;
        }
    }

    /**
     * Renews to {@code increment} (or the creation TTL), capped at the token's max expiry. A periodic token is
     * renewed to its period whatever the increment (token_store.go authRenew), capped by its explicit max TTL.
     * @throws VaultError 400 for a token created not renewable
     */
    public Duration renew(Token token, Duration increment) {
        if (!token.renewable) {
            throw VaultError.badRequest("lease is not renewable");
        }
        Instant now = clock.instant();
        Duration wanted = !token.period.isZero() ? token.period
                : increment.isZero() ? token.creationTtl : increment;
        Instant until = now.plus(wanted);
        if (until.isAfter(token.maxExpire)) {
            until = token.maxExpire;
        }
        synchronized (token) {
            token.expireTime = until;
        }
        return Duration.between(now, until);
    }

    /** Revokes the token and its child tokens, and (via the callback) queues their leases. Unknown tokens are a no-op. */
    public void revoke(Token token) {
        if (byId.remove(token.id) == null) {
            return;
        }
        idByAccessor.remove(token.accessor);
        for (Token child : children(token.id)) {
            revoke(child);
        }
        onRevoke.accept(token);
    }

    public void revokeExpired() {
        Instant now = clock.instant();
        for (Token token : new ArrayList<>(byId.values())) {
            if (token.expiredAt(now)) {
                revoke(token);
            }
        }
    }

    public int liveCount() {
        return byId.size();
    }

    public Map<String, Object> describe(Token token) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accessor", token.accessor);
        data.put("creation_time", token.creationTime.getEpochSecond());
        data.put("creation_ttl", token.creationTtl.getSeconds());
        data.put("display_name", token.displayName);
        data.put("entity_id", token.entityId);
        Instant expire = token.expireTime();
        data.put("expire_time", expire == null ? null : expire.toString());
        data.put("explicit_max_ttl", token.explicitMaxTtl.getSeconds());
        data.put("id", token.id);
        data.put("issue_time", token.creationTime.toString());
        data.put("meta", token.meta.isEmpty() ? null : token.meta);
        data.put("num_uses", token.numUses());
        data.put("orphan", token.parentId == null);
        data.put("path", token.path);
        if (!token.period.isZero()) {
            data.put("period", token.period.getSeconds()); // handleLookup adds it only for periodic tokens
        }
        data.put("policies", token.policies);
        data.put("renewable", token.renewable);
        data.put("ttl", token.ttlSeconds(now));
        data.put("type", "service");
        return data;
    }

    /**
     * The {@code auth} block Vault returns from a login or a token create/renew. {@code token_policies} are
     * the token's own policies, {@code default} included (request_handling.go sets {@code auth.TokenPolicies}
     * to {@code SanitizePolicies(auth.Policies, !NoDefaultPolicy)}); {@code policies} adds identity policies,
     * which the sim has none of, so the two lists are equal.
     */
    public Map<String, Object> authBlock(Token token) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token.id);
        auth.put("accessor", token.accessor);
        auth.put("policies", token.policies);
        auth.put("token_policies", token.policies);
        auth.put("metadata", token.meta.isEmpty() ? null : token.meta);
        auth.put("lease_duration", token.ttlSeconds(clock.instant()));
        auth.put("renewable", token.renewable);
        auth.put("entity_id", token.entityId);
        auth.put("token_type", "service");
        auth.put("orphan", token.parentId == null);
        auth.put("num_uses", token.numUses());
        return auth;
    }

    private List<Token> children(String parentId) {
        return byId.values().stream().filter(t -> parentId.equals(t.parentId)).toList();
    }
}
