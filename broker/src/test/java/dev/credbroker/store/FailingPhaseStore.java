package dev.credbroker.store;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The real store, except that a test can make recording a Vault login fail as if the database were down. */
@Singleton
@Replaces(JdbcPhaseStore.class)
@Requires(property = "test.failing-store", value = "true")
public class FailingPhaseStore extends JdbcPhaseStore {
    public final AtomicBoolean failLogins = new AtomicBoolean();
    /** Run after every Vault login is recorded: lets a test step in half-way through an open. */
    public final AtomicReference<Consumer<LoginRow>> afterLogin = new AtomicReference<>(login -> { });

    FailingPhaseStore(TransactionOperations<Connection> transactions, PhaseRepository sessions,
                        LoginRepository logins, LeaseRepository leases, AuditRepository audit) {
        super(transactions, sessions, logins, leases, audit);
    }

    @Override
    public LoginRow addLogin(LoginRow login) {
        if (failLogins.get()) {
            throw new StoreUnavailableException("could not record the Vault token of session " + login.sessionId(),
                    new java.sql.SQLException("connection refused (simulated)"));
        }
        LoginRow saved = super.addLogin(login);
        afterLogin.get().accept(saved);
        return saved;
    }
}
