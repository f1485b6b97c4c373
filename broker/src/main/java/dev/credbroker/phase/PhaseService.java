package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.CredentialRecord;
import dev.credbroker.audit.event.Failure;
import dev.credbroker.audit.event.PhaseOpenFailed;
import dev.credbroker.audit.event.PhaseOpened;
import dev.credbroker.audit.event.PhaseOpening;
import dev.credbroker.audit.event.PhaseRefused;
import dev.credbroker.audit.event.PhaseRenewed;
import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.store.DuplicateJtiException;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.SessionRow;
import dev.credbroker.store.SessionState;
import dev.credbroker.store.SessionStore;
import dev.credbroker.variables.AwsPlan;
import dev.credbroker.variables.AzurePlan;
import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.variables.InvalidVariableException;
import dev.credbroker.variables.VariableResolver;
import dev.credbroker.variables.VaultConfig;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultLogin;
import dev.credbroker.vault.VaultSecret;
import dev.credbroker.vault.VaultTargetNotAllowedException;
import dev.credbroker.vault.VaultTargets;
import dev.credbroker.workload.RunIdentity;
import dev.credbroker.workload.WorkloadToken;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of a run phase (DESIGN.md §1). Opening follows "track before handing out": the session row, then
 * each Vault login's accessor, then each lease, every one committed before the next step, and on any failure
 * everything obtained so far is revoked before the error reaches the runner.
 */
@Singleton
public class PhaseService {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseService.class);
    private static final String OPEN_FAILED = "open-failed";

    private final VariableResolver resolver;
    private final VaultTargets targets;
    private final VaultGateway vault;
    private final SessionStore store;
    private final LiveLogins live;
    private final Revoker revoker;
    private final AuditLog audit;
    private final PhaseSettings settings;
    private final Clock clock;
    private final PhaseMetrics metrics;
    private final Map<Class<?>, CloudCredentialProvider<?>> providers = new LinkedHashMap<>();

    public PhaseService(VariableResolver resolver, VaultTargets targets, VaultGateway vault, SessionStore store,
                        LiveLogins live, Revoker revoker, AuditLog audit, PhaseSettings settings, Clock clock,
                        PhaseMetrics metrics, List<CloudCredentialProvider<?>> providers) {
        this.resolver = resolver;
        this.targets = targets;
        this.vault = vault;
        this.store = store;
        this.live = live;
        this.revoker = revoker;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        providers.forEach(p -> this.providers.put(p.planType(), p));
    }

    public OpenedPhase open(WorkloadToken token, Map<String, String> variables) {
        RunIdentity id = token.identity();
        List<CredentialPlan> plans = resolver.resolve(variables, id.phase());
        if (plans.isEmpty()) {
            throw new InvalidVariableException("TFC_VAULT_PROVIDER_AUTH",
                    "no Vault or Vault-backed configuration is enabled for this workspace");
        }
        refuseUnlessAllowed(id, plans);
        Instant now = clock.instant();
        Instant hardEnd = now.plus(settings.getMaxDuration());
        SessionRow session = new SessionRow(UUID.randomUUID().toString(), id.jti(), id.runId(),
                id.phase().claimValue(), id.issuer(), id.subject(), SessionState.OPENING, now, now,
                id.expiresAt().isBefore(hardEnd) ? id.expiresAt() : hardEnd, null, null, 0, null, null, null, null);
        try {
            store.inTransaction(() -> {
                store.insert(session);
                audit.record(new PhaseOpening(session.id(), Actor.of(id), id.jti(), plans.size(),
                        session.deadlineAt()));
                return session;
            });
        } catch (DuplicateJtiException e) {
            TokenReplayedException replayed = new TokenReplayedException(id.jti());
            refused(id, replayed);
            throw replayed;
        }

        Map<String, LiveLogins.Live> logins = new LinkedHashMap<>();
        List<LeaseRow> leases = new ArrayList<>();
        try {
            List<HandedCredential> credentials = obtainAll(session, plans, token, logins, leases, now);
            // One commit for every lease, the OPEN mark and its audit event: a crash before it leaves an OPENING
            // session whose tokens (stored accessors) the reaper revokes, and with them what they read.
            store.inTransaction(() -> {
                store.addLeases(leases);
                if (!store.markOpened(session.id())) {
                    // Slower than the heartbeat timeout: the reaper took it for a crashed opening and revoked it.
                    throw new PhaseClosedException(session.id(), store.find(session.id()).map(SessionRow::state)
                            .orElse(SessionState.REVOKED));
                }
                audit.record(new PhaseOpened(session.id(), Actor.of(id),
                        logins.values().stream().map(l -> l.login().accessor()).toList(),
                        handedOut(plans, credentials, logins, leases)));
                return session;
            });
            live.put(session.id(), new ArrayList<>(logins.values()));
            live.putPlans(session.id(), plans);
            metrics.opened(Duration.between(now, clock.instant()));
            credentials.forEach(c -> metrics.issued(c.credential().provider().id()));
            return new OpenedPhase(session.opened(), credentials);
        } catch (RuntimeException e) {
            abandon(session, new ArrayList<>(logins.values()), leases, e);
            metrics.openFailed(e instanceof dev.credbroker.error.BrokerException b ? b.code() : "internal");
            throw e;
        }
    }

    /** Every target configured and allowed: else refused, with the reason audited. */
    private void refuseUnlessAllowed(RunIdentity id, List<CredentialPlan> plans) {
        try {
            plans.forEach(plan -> targets.check(plan.vault()));
        } catch (VaultTargetNotAllowedException e) {
            refused(id, e);
            throw e;
        }
    }

    private void refused(RunIdentity id, RuntimeException reason) {
        // The runner hears as little as possible; the security team reads the reason here.
        audit.record(new PhaseRefused(Actor.of(id), id.jti(), Failure.of(reason)));
    }

    /**
     * What the audit trail says of each credential handed out: credentials come one per plan, in plan order;
     * a plan's lease is the one of its provider and tag, its token the login of its Vault configuration.
     */
    private static List<CredentialRecord> handedOut(List<CredentialPlan> plans, List<HandedCredential> credentials,
                                                    Map<String, LiveLogins.Live> logins, List<LeaseRow> leases) {
        List<CredentialRecord> out = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            CredentialPlan plan = plans.get(i);
            IssuedCredential credential = credentials.get(i).credential();
            Optional<LeaseRow> lease = leases.stream().filter(l -> l.provider().equals(plan.provider().name())
                    && l.tag().equals(plan.tag())).findFirst();
            out.add(new CredentialRecord(credential.provider().id(), credential.tag(),
                    lease.map(LeaseRow::leaseId).orElse(null), logins.get(plan.vault().tag()).login().accessor(),
                    credential.revocable(), credential.expiresAt().or(() -> lease.map(LeaseRow::expiresAt))
                    .orElse(null), List.copyOf(credential.env().keySet())));
        }
        return out;
    }

    /**
     * One login per Vault configuration, shared by its plans; {@code logins} and {@code leases} collect what
     * was obtained, for the final commit or for the cleanup.
     */
    private List<HandedCredential> obtainAll(SessionRow session, List<CredentialPlan> plans, WorkloadToken token,
                                             Map<String, LiveLogins.Live> logins, List<LeaseRow> leases,
                                             Instant now) {
        List<HandedCredential> credentials = new ArrayList<>();
        for (CredentialPlan plan : plans) {
            LiveLogins.Live login = logins.get(plan.vault().tag());
            if (login == null) {
                login = loginAndRecord(session, plan.vault(), token);
                logins.put(plan.vault().tag(), login);
            }
            credentials.add(obtain(session, plan, login, leases, now));
        }
        return credentials;
    }

    private LiveLogins.Live loginAndRecord(SessionRow session, VaultConfig config, WorkloadToken token) {
        VaultLogin login = vault.login(config, token);
        try {
            LoginRow row = store.addLogin(new LoginRow(null, session.id(), config.tag(), config.address().toString(),
                    config.namespace().orElse(null), login.accessor(), login.expiresAt(), null));
            return new LiveLogins.Live(row, login);
        } catch (RuntimeException e) {
            // The accessor could not be made durable: nothing may be read with this token, and it must not outlive us.
            revokeQuietly(login);
            throw e;
        }
    }

    private HandedCredential obtain(SessionRow session, CredentialPlan plan, LiveLogins.Live login,
                                    List<LeaseRow> leases, Instant now) {
        CloudCredentialProvider<CredentialPlan> provider = provider(plan);
        VaultSecret secret = vault.read(login.login(), provider.request(plan));
        if (secret.leased()) {
            leases.add(new LeaseRow(null, session.id(), login.loginRowId(), plan.provider().name(), plan.tag(),
                    secret.leaseId(), now.plus(secret.leaseDuration()), secret.renewable(), null, null));
        }
        IssuedCredential credential = provider.credential(plan, secret, now);
        return new HandedCredential(credential, sleep(plan).map(now::plus));
    }

    @SuppressWarnings("unchecked")
    private CloudCredentialProvider<CredentialPlan> provider(CredentialPlan plan) {
        CloudCredentialProvider<?> provider = providers.get(plan.getClass());
        if (provider == null) {
            throw new IllegalStateException("no credential provider for " + plan.getClass().getSimpleName());
        }
        return (CloudCredentialProvider<CredentialPlan>) provider;
    }

    private static Optional<Duration> sleep(CredentialPlan plan) {
        Duration sleep = plan instanceof AwsPlan aws ? aws.sleep() : plan instanceof AzurePlan azure ? azure.sleep() : null;
        return Optional.ofNullable(sleep).filter(d -> !d.isZero());
    }

    /**
     * Nothing was handed out: revoke every lease read (each confirmed by Vault) and every token obtained, then
     * record in one commit the leases with their reason and what Vault confirmed. If Vault confirmed it all the
     * session is REVOKED; if not it is CLOSING, and the reaper retries what the store lists.
     */
    private void abandon(SessionRow session, List<LiveLogins.Live> logins, List<LeaseRow> leases,
                         RuntimeException cause) {
        // The tokens' own revoke-self is the fallback for revoking them, as for any revocation.
        live.put(session.id(), logins);
        Revoker.Attempt attempt = revoker.revokeInVault(session.id(),
                logins.stream().map(LiveLogins.Live::row).toList(), leases);
        live.remove(session.id());
        attempt.failure().ifPresent(e -> LOG.warn("phase {} failed to open and Vault did not confirm revoking "
                + "all it obtained; the reaper retries: {}", session.id(), e.getMessage()));
        Instant at = clock.instant();
        try {
            store.inTransaction(() -> {
                List<LeaseRow> rows = leases.stream().map(l -> attempt.leases().contains(l)
                        ? l.revoked(at, OPEN_FAILED) : l).toList();
                store.addLeases(rows);
                attempt.logins().forEach(l -> store.loginRevoked(l.id(), at));
                if (attempt.failure().isEmpty()) {
                    store.openFailedRevoked(session.id(), OPEN_FAILED, at);
                } else {
                    store.markClosing(session.id(), OPEN_FAILED, at);
                }
                audit.record(new PhaseOpenFailed(session.id(), Actor.of(session), Failure.of(cause),
                        leases.stream().map(LeaseRow::leaseId).toList(), attempt.failure().isEmpty()));
                return session;
            });
        } catch (RuntimeException e) {
            LOG.warn("phase {} failed to open and its state could not be recorded; the reaper will revoke it "
                    + "as abandoned", session.id());
        }
    }

    private void revokeQuietly(VaultLogin login) {
        try {
            revoker.revokeToken(login.address(), login.namespace(), login.accessor(), Optional.of(login));
        } catch (RuntimeException e) {
            LOG.warn("could not revoke Vault token {} after a failed open: {}", login.accessor(), e.getMessage());
        }
    }

    public HeartbeatResult heartbeat(String phaseId, WorkloadToken caller) {
        SessionRow session = owned(phaseId, caller);
        Instant now = clock.instant();
        if (session.state() != SessionState.OPEN || !store.heartbeat(phaseId, now)) {
            // Closed, maybe since we read it and by another instance: its tokens here are dead weight now.
            live.remove(phaseId);
            throw new PhaseClosedException(phaseId, store.find(phaseId).map(SessionRow::state)
                    .orElse(SessionState.REVOKED));
        }
        Optional<List<LiveLogins.Live>> held = live.get(phaseId);
        int renewed = held.map(logins -> renew(session, logins, now)).orElse(0);
        return new HeartbeatResult(phaseId, now.plus(settings.getHeartbeatTimeout()), session.deadlineAt(), renewed,
                held.isPresent());
    }

    private int renew(SessionRow session, List<LiveLogins.Live> logins, Instant now) {
        Instant soon = now.plus(settings.getRenewWithin());
        int renewed = 0;
        for (LiveLogins.Live login : logins) {
            if (login.login().renewable() && login.login().expiresAt().isBefore(soon)) {
                vault.renewSelf(login.login(), settings.getRenewIncrement());
                renewed++;
            }
        }
        for (LeaseRow lease : store.leases(session.id())) {
            if (lease.revokedAt() == null && lease.renewable() && lease.expiresAt().isBefore(soon)) {
                VaultLogin login = live.byRow(session.id(), lease.loginId()).orElseThrow();
                Instant until = vault.renewLease(login, lease.leaseId(), settings.getRenewIncrement());
                store.leaseRenewed(lease.id(), until);
                renewed++;
            }
        }
        if (renewed > 0) {
            audit.record(new PhaseRenewed(session.id(), Actor.of(session), renewed));
        }
        return renewed;
    }

    /** Idempotent: closing a closed phase succeeds; answers only once Vault confirmed the revocation. */
    public void close(String phaseId, WorkloadToken caller) {
        if (!revoker.revoke(phaseId, "closed-by-runner", s -> ownedBy(s, caller))) {
            throw new RevocationPendingException(phaseId);
        }
    }

    public PhaseView view(String phaseId, WorkloadToken caller) {
        SessionRow session = owned(phaseId, caller);
        return new PhaseView(session, store.logins(phaseId), store.leases(phaseId));
    }

    private SessionRow owned(String phaseId, WorkloadToken caller) {
        return store.find(phaseId).filter(s -> ownedBy(s, caller)).orElseThrow(() -> new PhaseNotFoundException(phaseId));
    }

    /** A jti is unique per issuer only (RFC 7519 §4.1.7): the issuer is part of what the phase is bound to. */
    private static boolean ownedBy(SessionRow session, WorkloadToken caller) {
        return session.jti().equals(caller.identity().jti()) && session.issuer().equals(caller.identity().issuer());
    }
}
