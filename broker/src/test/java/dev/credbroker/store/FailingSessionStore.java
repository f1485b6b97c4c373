package dev.credbroker.store;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicBoolean;

/** The real store, except that a test can make recording a Vault login fail as if the database were down. */
@Singleton
@Replaces(JdbcSessionStore.class)
@Requires(property = "test.failing-store", value = "true")
public class FailingSessionStore extends JdbcSessionStore {
    public final AtomicBoolean failLogins = new AtomicBoolean();

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
}
