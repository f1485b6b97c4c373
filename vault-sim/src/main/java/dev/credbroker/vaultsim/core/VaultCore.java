package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.audit.AuditBroker;
import dev.credbroker.vaultsim.auth.AuthBackend;
import dev.credbroker.vaultsim.auth.approle.AppRoleAuthBackend;
import dev.credbroker.vaultsim.auth.jwt.JwtAuthBackend;
import dev.credbroker.vaultsim.engine.FakeCloud;
import dev.credbroker.vaultsim.engine.SecretsEngine;
import dev.credbroker.vaultsim.lease.Lease;
import dev.credbroker.vaultsim.lease.LeaseManager;
import dev.credbroker.vaultsim.lease.RevocationSettings;
import dev.credbroker.vaultsim.policy.PolicyStore;
import dev.credbroker.vaultsim.token.Token;
import dev.credbroker.vaultsim.token.TokenStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The sim's state: mounts, auth methods, tokens, leases, policies and audit devices. */
public final class VaultCore {
    private final Clock clock;
    private final FakeCloud cloud;
    private final Map<String, Supplier<SecretsEngine>> engineTypes;
    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    private final Map<String, AuthBackend> authMounts = new ConcurrentHashMap<>();
    private final PolicyStore policies = new PolicyStore();
    private final AuditBroker audit = new AuditBroker();
    private final LeaseManager leases;
    private final TokenStore tokens;

    /**
     * @param revocation how leases queued for revocation are revoked in the background; a revoked or expired
     *                   token's leases are queued, not revoked, as Vault's RevokeByToken does
     */
    public VaultCore(Clock clock, Map<String, Supplier<SecretsEngine>> engineTypes, RevocationSettings revocation) {
        this(clock, engineTypes, revocation, new FakeCloud());
    }

    /** A namespace's state, its engines minting into {@code cloud}. */
    public VaultCore(Clock clock, Map<String, Supplier<SecretsEngine>> engineTypes, RevocationSettings revocation,
                     FakeCloud cloud) {
        this.clock = clock;
        this.cloud = cloud;
        this.engineTypes = Map.copyOf(engineTypes);
        this.leases = new LeaseManager(clock, this::revokeWithEngine, this::renewWithEngine, revocation);
        this.tokens = new TokenStore(clock, token -> leases.queueCreatedBy(token.id()));
    }

    public Clock clock() {
        return clock;
    }

    public FakeCloud cloud() {
        return cloud;
    }

    public LeaseManager leases() {
        return leases;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public PolicyStore policies() {
        return policies;
    }

    public AuditBroker audit() {
        return audit;
    }

    public Map<String, Mount> mounts() {
        return mounts;
    }

    public Map<String, AuthBackend> authMounts() {
        return authMounts;
    }

    public void enableSecrets(String path, String type) {
        Supplier<SecretsEngine> factory = engineTypes.get(type);
        if (factory == null) {
            throw VaultError.badRequest("plugin not found in the catalog: " + type);
        }
        if (mounts.containsKey(path) || reserved(path)) {
            throw VaultError.badRequest("path is already in use at " + path + "/");
        }
        mounts.put(path, Mount.of(path, factory.get(), clock, cloud));
    }

    public void disableSecrets(String path) {
        if (mounts.containsKey(path)) {
            leases.revokePrefix(path + "/");
            mounts.remove(path);
        }
    }

    public void enableAuth(String path, String type) {
        AuthBackend backend = switch (type) {
            case "jwt" -> new JwtAuthBackend(path, clock, tokens);
            case "approle" -> new AppRoleAuthBackend(path, tokens);
            default -> throw VaultError.badRequest("plugin not found in the catalog: " + type);
        };
        if (authMounts.putIfAbsent(path, backend) != null) {
            throw VaultError.badRequest("path is already in use at auth/" + path + "/");
        }
    }

    /** The secrets mount serving a path: the longest mount path that is the path or a prefix of it. */
    public Optional<Mount> mountFor(String path) {
        return mounts.values().stream()
                .filter(m -> path.equals(m.path()) || path.startsWith(m.path() + "/"))
                .max(Comparator.comparingInt(m -> m.path().length()));
    }

    /** The auth mount serving {@code auth/<mount>/…}, with the path below the mount. */
    /** The auth method a token's login came from (its path, {@code auth/<mount>/login}) is asked before a renewal. */
    public void checkRenewal(Token token) {
        authMountFor(token.path()).ifPresent(m -> m.getKey().checkRenewal(token.meta()));
    }

    public Optional<Map.Entry<AuthBackend, String>> authMountFor(String path) {
        if (!path.startsWith("auth/")) {
            return Optional.empty();
        }
        String rest = path.substring("auth/".length());
        return authMounts.keySet().stream()
                .filter(m -> rest.startsWith(m + "/"))
                .max(Comparator.comparingInt(String::length))
                .map(m -> Map.entry(authMounts.get(m), rest.substring(m.length() + 1)));
    }

    /**
     * Expired tokens and leases are revoked lazily, before each request, instead of by a timer thread; an
     * expired token's leases are queued for the background revocation like a revoked token's.
     */
    public void expire() {
        tokens.revokeExpired();
        leases.revokeExpired();
    }

    public Optional<Token> token(String id) {
        return tokens.lookup(id);
    }

    /** Stops the background revocation task; queued leases stay as they are. */
    public void close() {
        leases.shutdown();
    }

    private void revokeWithEngine(Lease lease) {
        Mount mount = mounts.get(lease.mountPath());
        if (mount != null) {
            mount.engine().revoke(lease.internal(), mount.context());
        }
    }

    /** The engine's renew hook (expiration.go RenewLease → the backend's secret Renew), then the server's caps. */
    private Duration renewWithEngine(Lease lease, Duration requested) {
        Mount mount = mounts.get(lease.mountPath());
        return mount == null ? requested : mount.engine().renew(lease.internal(), requested, mount.context());
    }

    private static boolean reserved(String path) {
        return path.equals("sys") || path.startsWith("sys/") || path.equals("auth") || path.startsWith("auth/")
                || path.equals("cubbyhole") || path.equals("identity");
    }
}
