package dev.credbroker.store;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The real store, except that a test can make recording a Vault login fail as if the database were down. */
@Singleton
@Replaces(JdbcSessionStore.class)
@Requires(property = "test.failing-store", value = "true")
public class FailingSessionStore extends JdbcSessionStore {
    public final AtomicBoolean failLogins = new AtomicBoolean();
    /** Run once, right after the next lease is recorded: lets a test step in half-way through an open. */
    public final AtomicReference<Consumer<LeaseRow>> afterNextLease = new AtomicReference<>();

    FailingSessionStore(SessionRepository sessions, LoginRepository logins, LeaseRepository leases,
                        AuditRepository audit) {
        super(sessions, logins, leases, audit);
    }

    @Override
    public LoginRow addLogin(LoginRow login) {
        if (failLogins.get()) {
            throw new StoreUnavailableException("could not record the Vault token of session " + login.sessionId(),
                    new java.sql.SQLException("connection refused (simulated)"));
        }
        return super.addLogin(login);
    }

    @Override
    public LeaseRow addLease(LeaseRow lease) {
        LeaseRow saved = super.addLease(lease);
        Consumer<LeaseRow> hook = afterNextLease.getAndSet(null);
        if (hook != null) {
            hook.accept(saved);
        }
        return saved;
    }
}
