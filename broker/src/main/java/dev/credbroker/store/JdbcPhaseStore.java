package dev.credbroker.store;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link PhaseStore} on Micronaut Data JDBC: H2 by default, PostgreSQL when several brokers share state. */
@Singleton
public class JdbcPhaseStore implements PhaseStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPhaseStore.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final TransactionOperations<Connection> transactions;
    private final PhaseRepository sessions;
    private final LoginRepository logins;
    private final LeaseRepository leases;
    private final AuditRepository audit;

    JdbcPhaseStore(TransactionOperations<Connection> transactions, PhaseRepository sessions,
                     LoginRepository logins, LeaseRepository leases, AuditRepository audit) {
        this.transactions = transactions;
        this.sessions = sessions;
        this.logins = logins;
        this.leases = leases;
        this.audit = audit;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.executeWrite(status -> work.get());
        } catch (StoreUnavailableException | DuplicateJtiException e) {
            throw e;
        } catch (DataAccessException | TransactionException | ConnectionException e) {
            throw unavailable("commit a transaction", e);
        }
    }

    @Override
    public void insert(PhaseRow session) {
        try {
            sessions.save(session);
        } catch (DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateJtiException(session.jti());
            }
            throw unavailable("record phase session " + session.id(), e);
        } catch (RuntimeException e) {
            throw unavailable("record phase session " + session.id(), e);
        }
    }

    @Override
    public Optional<PhaseRow> find(String id) {
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
    public boolean markClosing(String id, String reason, Instant at) {
        return guarded("mark phase session " + id + " closing", () -> sessions.markClosing(id, reason, at) == 1);
    }

    @Override
    public boolean markRevoked(String id, String claim) {
        return guarded("mark phase session " + id + " revoked", () -> sessions.markRevoked(id, claim) == 1);
    }

    @Override
    public boolean openFailedRevoked(String id, String reason, Instant at) {
        return guarded("mark phase session " + id + " revoked", () -> sessions.openFailedRevoked(id, reason, at) == 1);
    }

    @Override
    public void retryLater(String id, String claim, Instant next, String error) {
        guarded("record a failed revocation of phase session " + id, () -> sessions.retryLater(id, claim, next, error));
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
    public List<LeaseRow> addLeases(List<LeaseRow> rows) {
        return rows.isEmpty() ? List.of() : guarded("record leases", () -> leases.saveAll(rows));
    }

    @Override
    public void leaseRevoked(Long leaseRowId, Instant at, String reason) {
        guarded("mark a lease revoked", () -> leases.markRevoked(leaseRowId, at, reason));
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
    public List<PhaseRow> due(Instant staleBefore, Instant now) {
        return guarded("find sessions due for revocation", () -> sessions.findDue(staleBefore, now));
    }

    @Override
    public long count(PhaseState state) {
        return guarded("count sessions", () -> sessions.countByState(state));
    }

    @Override
    public List<AuditRow> auditTrail(String sessionId) {
        return guarded("read the audit trail of " + sessionId, () -> audit.findBySessionIdOrderById(sessionId));
    }

    private static <T> T guarded(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException | DuplicateJtiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * Logged here, once, at WARN: the runner only hears 503. The cause's class and SQL state say what failed;
     * its message is left out, because a driver may quote the statement's values.
     */
    private static StoreUnavailableException unavailable(String what, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "";
        LOG.warn("database: could not {}: {}{}", what, root.getClass().getName(), state);
        return new StoreUnavailableException("could not " + what, e);
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
