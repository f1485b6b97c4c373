package dev.credbroker.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the store promises the phase lifecycle, on the embedded H2 the tests run with. */
@MicronautTest(transactional = false, startApplication = false)
class JdbcPhaseStoreTest {
    @Inject
    PhaseStore store;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private PhaseRow session() {
        PhaseRow row = new PhaseRow(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "run-1", "plan",
                "https://issuer", "sub", PhaseState.OPENING, t0, t0, t0.plusSeconds(3600), null, null, 0, null,
                null, null, null);
        store.insert(row);
        return row;
    }

    @Test
    void aRevokedLeaseStaysRevokedWhateverARacingRenewalWrites() {
        PhaseRow s = session();
        LoginRow login = store.addLogin(new LoginRow(null, s.id(), "", "http://vault", null, "acc", t0.plusSeconds(60), null));
        LeaseRow lease = store.addLeases(List.of(new LeaseRow(null, s.id(), login.id(), "AWS", "", "aws/creds/x/1",
                t0.plusSeconds(600), true, null, null))).get(0);
        store.leaseRevoked(lease.id(), t0.plusSeconds(10), "closed-by-runner");
        store.leaseRenewed(lease.id(), t0.plusSeconds(5000));
        store.leaseRevoked(lease.id(), t0.plusSeconds(20), "heartbeat-lapsed");
        LeaseRow after = store.leases(s.id()).get(0);
        assertEquals(t0.plusSeconds(10), after.revokedAt(), "first revocation time kept");
        assertEquals("closed-by-runner", after.revokeReason(), "first reason kept");
        assertEquals(t0.plusSeconds(600), after.expiresAt(), "no renewal recorded after revocation");
    }

    @Test
    void aTokenIsMarkedRevokedOnce() {
        PhaseRow s = session();
        LoginRow login = store.addLogin(new LoginRow(null, s.id(), "", "http://vault", null, "acc", t0.plusSeconds(60), null));
        store.loginRevoked(login.id(), t0.plusSeconds(1));
        store.loginRevoked(login.id(), t0.plusSeconds(2));
        assertEquals(t0.plusSeconds(1), store.logins(s.id()).get(0).revokedAt());
    }

    @Test
    void theSameJtiFromAnotherIssuerIsAnotherToken() {
        PhaseRow s = session();
        store.insert(new PhaseRow(UUID.randomUUID().toString(), s.jti(), "run-3", "plan", "https://other-issuer",
                "sub", PhaseState.OPENING, t0, t0, t0.plusSeconds(60), null, null, 0, null, null, null, null));
        assertThrows(DuplicateJtiException.class, () -> store.insert(new PhaseRow(UUID.randomUUID().toString(),
                s.jti(), "run-4", "plan", "https://other-issuer", "sub", PhaseState.OPENING, t0, t0,
                t0.plusSeconds(60), null, null, 0, null, null, null, null)), "the same issuer's jti again");
    }

    @Test
    void aSecondSessionForTheSameJtiIsRefusedByTheDatabase() {
        PhaseRow s = session();
        PhaseRow twin = new PhaseRow(UUID.randomUUID().toString(), s.jti(), "run-2", "plan", s.issuer(), "sub",
                PhaseState.OPENING, t0, t0, t0.plusSeconds(60), null, null, 0, null, null, null, null);
        assertThrows(DuplicateJtiException.class, () -> store.insert(twin));
    }

    @Test
    void aTransactionThatFailsHalfWayCommitsNothing() {
        PhaseRow s = session();
        LoginRow login = store.addLogin(new LoginRow(null, s.id(), "", "http://vault", null, "acc", t0.plusSeconds(60), null));
        LeaseRow fits = new LeaseRow(null, s.id(), login.id(), "AWS", "", "aws/creds/x/1", t0.plusSeconds(600), true,
                null, null);
        LeaseRow tooLong = new LeaseRow(null, s.id(), login.id(), "AWS", "x".repeat(65), "aws/creds/x/2",
                t0.plusSeconds(600), true, null, null);

        assertThrows(StoreUnavailableException.class, () -> store.inTransaction(() -> {
            store.addLeases(List.of(fits));
            store.markOpened(s.id());
            return store.addLeases(List.of(tooLong));
        }));

        assertEquals(List.of(), store.leases(s.id()), "the first lease was rolled back with the rest");
        assertEquals(PhaseState.OPENING, store.find(s.id()).orElseThrow().state(), "and the OPEN mark");
    }

    @Test
    void aDatabaseFailureIsLoggedAtWarnWithItsCauseAndNoValue() {
        Logger logger = (Logger) LoggerFactory.getLogger(JdbcPhaseStore.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        String marker = "value-that-must-not-be-logged-";
        try {
            PhaseRow tooLong = new PhaseRow(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    marker.repeat(20), "plan", "https://issuer", "sub", PhaseState.OPENING, t0, t0,
                    t0.plusSeconds(3600), null, null, 0, null, null, null, null);

            assertThrows(StoreUnavailableException.class, () -> store.insert(tooLong));
        } finally {
            logger.detachAppender(captured);
        }

        assertEquals(1, captured.list.size(), "one line per failure");
        ILoggingEvent line = captured.list.get(0);
        assertEquals(Level.WARN, line.getLevel());
        assertTrue(line.getFormattedMessage().contains("org.h2.jdbc.JdbcSQLDataException"), line.getFormattedMessage());
        assertTrue(line.getFormattedMessage().contains("SQL state 22001"), line.getFormattedMessage());
        assertFalse(line.getFormattedMessage().contains(marker), "the value stays out of the log");
        assertNull(line.getThrowableProxy(), "no stack trace, whose messages may quote the values");
    }
}
