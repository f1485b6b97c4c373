package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.Failure;
import dev.credbroker.audit.event.IssuedCredentialRecord;
import dev.credbroker.audit.event.PhaseOpenFailed;
import dev.credbroker.audit.event.PhaseOpened;
import dev.credbroker.audit.event.PhaseOpening;
import dev.credbroker.audit.event.PhaseRefused;
import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CloudCredentialProviders;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.store.DuplicateJtiException;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.variables.InvalidVariableException;
import dev.credbroker.variables.VariableResolver;
import dev.credbroker.variables.VaultConfig;
import dev.credbroker.vault.AllowedVault;
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
 * Opens a run phase (DESIGN.md §1), following "track before handing out": the session row, then each Vault
 * login's accessor, then each lease, every one committed before the next step, and on any failure everything
 * obtained so far is revoked before the error reaches the runner. {@link PhaseKeeper} takes it from there.
 */
@Singleton
public class PhaseOpener {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseOpener.class);
    private static final String OPEN_FAILED = "open-failed";

    private final VariableResolver resolver;
    private final VaultTargets targets;
    private final VaultGateway vault;
    private final PhaseStore store;
    private final LiveLogins live;
    private final Revoker revoker;
    private final AuditLog audit;
    private final PhaseSettings settings;
    private final Clock clock;
    private final PhaseMetrics metrics;
    private final Liveness liveness;
    private final CloudCredentialProviders providers;

    public PhaseOpener(VariableResolver resolver, VaultTargets targets, VaultGateway vault, PhaseStore store,
                        LiveLogins live, Revoker revoker, AuditLog audit, PhaseSettings settings, Clock clock,
                        PhaseMetrics metrics, Liveness liveness, CloudCredentialProviders providers) {
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
        this.liveness = liveness;
        this.providers = providers;
    }

    public OpenedPhase open(WorkloadToken token, Map<String, String> variables) {
        RunIdentity id = token.identity();
        List<CredentialPlan> plans = resolver.resolve(variables, id.phase());
        if (plans.isEmpty()) {
            throw new InvalidVariableException("TFC_VAULT_PROVIDER_AUTH",
                    "no Vault or Vault-backed configuration is enabled for this workspace");
        }
        Map<String, AllowedVault> allowed = refuseUnlessAllowed(id, plans);
        Instant now = clock.instant();
        Instant hardEnd = now.plus(settings.maxDuration());
        PhaseRow session = new PhaseRow(UUID.randomUUID().toString(), id.jti(), id.runId(),
                id.phase().claimValue(), id.issuer(), id.subject(), PhaseState.OPENING, now, now,
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
            List<IssuedCredential> credentials = obtainAll(session, plans, allowed, token, logins, leases, now);
            // One commit for every lease, the OPEN mark and its audit event: a crash before it leaves an OPENING
            // session whose tokens (stored accessors) the reaper revokes, and with them what they read.
            store.inTransaction(() -> {
                store.addLeases(leases);
                if (!store.markOpened(session.id())) {
                    // Slower than the heartbeat timeout: the reaper took it for a crashed opening and revoked it.
                    throw new PhaseClosedException(session.id(), store.find(session.id()).map(PhaseRow::state)
                            .orElse(PhaseState.REVOKED));
                }
                audit.record(new PhaseOpened(session.id(), Actor.of(id),
                        logins.values().stream().map(l -> l.login().accessor()).toList(),
                        handedOut(plans, credentials, logins, leases)));
                return session;
            });
            live.put(session.id(), new ArrayList<>(logins.values()));
            live.putPlans(session.id(), plans);
            metrics.opened(Duration.between(now, clock.instant()));
            credentials.forEach(c -> metrics.issued(c.provider().id()));
            return new OpenedPhase(session.id(), session.runId(), session.phase(), session.deadlineAt(),
                    liveness.heartbeatBy(session.heartbeatAt()), credentials);
        } catch (RuntimeException e) {
            abandon(session, new ArrayList<>(logins.values()), leases, e);
            metrics.openFailed(e instanceof dev.credbroker.error.BrokerException b ? b.code() : "internal");
            throw e;
        }
    }

    /**
     * Every Vault configuration's target configured and allowed, by configuration tag: else refused, with the
     * reason audited. The only allow-list check of an open: a login takes nothing but its result.
     */
    private Map<String, AllowedVault> refuseUnlessAllowed(RunIdentity id, List<CredentialPlan> plans) {
        try {
            Map<String, AllowedVault> allowed = new LinkedHashMap<>();
            plans.forEach(plan -> allowed.computeIfAbsent(plan.vault().tag(), tag -> targets.check(plan.vault())));
            return allowed;
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
    private static List<IssuedCredentialRecord> handedOut(List<CredentialPlan> plans,
                                                          List<IssuedCredential> credentials,
                                                          Map<String, LiveLogins.Live> logins,
                                                          List<LeaseRow> leases) {
        List<IssuedCredentialRecord> out = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            CredentialPlan plan = plans.get(i);
            IssuedCredential credential = credentials.get(i);
            Optional<LeaseRow> lease = leases.stream().filter(l -> l.provider().equals(plan.provider().name())
                    && l.tag().equals(plan.tag())).findFirst();
            out.add(new IssuedCredentialRecord(credential.provider().id(), credential.tag(),
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
    private List<IssuedCredential> obtainAll(PhaseRow session, List<CredentialPlan> plans,
                                             Map<String, AllowedVault> allowed, WorkloadToken token,
                                             Map<String, LiveLogins.Live> logins, List<LeaseRow> leases,
                                             Instant now) {
        List<IssuedCredential> credentials = new ArrayList<>();
        for (CredentialPlan plan : plans) {
            LiveLogins.Live login = logins.get(plan.vault().tag());
            if (login == null) {
                login = loginAndRecord(session, allowed.get(plan.vault().tag()), token);
                logins.put(plan.vault().tag(), login);
            }
            credentials.add(obtain(session, plan, login, leases, now));
        }
        return credentials;
    }

    private LiveLogins.Live loginAndRecord(PhaseRow session, AllowedVault allowed, WorkloadToken token) {
        VaultConfig config = allowed.config();
        VaultLogin login = vault.login(allowed, token);
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

    private IssuedCredential obtain(PhaseRow session, CredentialPlan plan, LiveLogins.Live login,
                                    List<LeaseRow> leases, Instant now) {
        CloudCredentialProvider<CredentialPlan> provider = providers.forPlan(plan);
        VaultSecret secret = vault.read(login.login(), provider.request(plan));
        if (secret.leased()) {
            leases.add(new LeaseRow(null, session.id(), login.loginRowId(), plan.provider().name(), plan.tag(),
                    secret.leaseId(), now.plus(secret.leaseDuration()), secret.renewable(), null, null));
        }
        return provider.credential(plan, secret, now).usableAfter(plan.usableAfter(now));
    }

    /**
     * Nothing was handed out: revoke every lease read (each confirmed by Vault) and every token obtained, then
     * record in one commit the leases with their reason and what Vault confirmed. If Vault confirmed it all the
     * session is REVOKED; if not it is CLOSING, and the reaper retries what the store lists.
     */
    private void abandon(PhaseRow session, List<LiveLogins.Live> logins, List<LeaseRow> leases,
                         RuntimeException cause) {
        // The tokens' own revoke-self is the fallback for revoking them, as for any revocation.
        live.put(session.id(), logins);
        Revoker.Attempt attempt = revoker.revokeInVault(session.id(), session.runId(),
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
            revoker.revokeToken(login.runId(), login.address(), login.namespace(), login.accessor(),
                    Optional.of(login));
        } catch (RuntimeException e) {
            LOG.warn("could not revoke Vault token {} after a failed open: {}", login.accessor(), e.getMessage());
        }
    }
}
