package dev.credbroker.store;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link SessionStore} on Micronaut Data JDBC: H2 by default, PostgreSQL when several brokers share state. */
@Singleton
public class JdbcSessionStore implements SessionStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final SessionRepository sessions;
    private final LoginRepository logins;
    private final LeaseRepository leases;
    private final AuditRepository audit;

    JdbcSessionStore(SessionRepository sessions, LoginRepository logins, LeaseRepository leases,
                     AuditRepository audit) {
        this.sessions = sessions;
        this.logins = logins;
        this.leases = leases;
        this.audit = audit;
    }

    @Override
    public boolean jtiUsed(String issuer, String jti) {
        return guarded("look up a jti", () -> sessions.existsByIssuerAndJti(issuer, jti));
    }

    @Override
    public void insert(SessionRow session) {
        try {
            sessions.save(session);
        } catch (DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateJtiException(session.jti());
            }
            throw new StoreUnavailableException("could not record phase session " + session.id(), e);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("could not record phase session " + session.id(), e);
        }
    }

    @Override
    public void update(SessionRow session) {
        guarded("update phase session " + session.id(), () -> sessions.update(session));
    }

    @Override
    public Optional<SessionRow> find(String id) {
        return guarded("read phase session " + id, () -> sessions.findById(id));
    }

    @Override
    public boolean markOpened(String id) {
        return guarded("open phase session " + id, () -> sessions.markOpened(id) == 1);
    }

    @Override
    public boolean heartbeat(String id, Instant at) {
        return guarded("record a heartbeat of phase session " + id, () -> sessions.heartbeat(id, at) == 1);
    }

    @Override
    public LoginRow addLogin(LoginRow login) {
        return guarded("record the Vault token of session " + login.sessionId(), () -> logins.save(login));
    }

    @Override
    public void loginRevoked(Long loginId, Instant at) {
        guarded("mark a Vault token revoked", () -> logins.markRevoked(loginId, at));
    }

    @Override
    public List<LoginRow> logins(String sessionId) {
        return guarded("read Vault tokens of session " + sessionId, () -> logins.findBySessionIdOrderById(sessionId));
    }

    @Override
    public LeaseRow addLease(LeaseRow lease) {
        return guarded("record lease " + lease.leaseId(), () -> leases.save(lease));
    }

    @Override
    public void leaseRevoked(Long leaseRowId, Instant at) {
        guarded("mark a lease revoked", () -> leases.markRevoked(leaseRowId, at));
    }

    @Override
    public void leaseRenewed(Long leaseRowId, Instant expiresAt) {
        guarded("record a lease renewal", () -> leases.markRenewed(leaseRowId, expiresAt));
    }

    @Override
    public List<LeaseRow> leases(String sessionId) {
        return guarded("read leases of session " + sessionId, () -> leases.findBySessionIdOrderById(sessionId));
    }

    @Override
    public boolean claim(String sessionId, String owner, Instant until, Instant now) {
        return guarded("claim session " + sessionId, () -> sessions.claim(sessionId, owner, until, now) == 1);
    }

    @Override
    public void release(String sessionId, String owner) {
        guarded("release session " + sessionId, () -> sessions.release(sessionId, owner));
    }

    @Override
    public List<SessionRow> due(Instant staleBefore, Instant now, Instant abandonedBefore) {
        return guarded("find sessions due for revocation", () -> sessions.findDue(staleBefore, now, abandonedBefore));
    }

    @Override
    public long count(SessionState state) {
        return guarded("count sessions", () -> sessions.countByState(state));
    }

    @Override
    public void audit(AuditRow event) {
        guarded("record an audit event", () -> audit.save(event));
    }

    @Override
    public List<AuditRow> auditTrail(String sessionId) {
        return guarded("read the audit trail of " + sessionId, () -> audit.findBySessionIdOrderById(sessionId));
    }

    private static <T> T guarded(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("could not " + what, e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
