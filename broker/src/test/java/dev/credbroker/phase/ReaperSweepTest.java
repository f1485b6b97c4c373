package dev.credbroker.phase;

import dev.credbroker.store.AuditRow;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One sweep takes every due session, however many batches that is, and stops when a batch gets nowhere. */
class ReaperSweepTest {

    /** A store whose due sessions are whatever the test put in, minus what was reaped. */
    private static final class DueStore implements PhaseStore {
        final List<PhaseRow> due = new ArrayList<>();
        int queries;

        @Override
        public List<PhaseRow> due(Instant staleBefore, Instant now) {
            queries++;
            return List.copyOf(due.subList(0, Math.min(DUE_BATCH, due.size())));
        }

        // The rest of the store is not used by a sweep.
        @Override public <T> T inTransaction(Supplier<T> work) { throw new UnsupportedOperationException(); }
        @Override public void insert(PhaseRow session) { throw new UnsupportedOperationException(); }
        @Override public boolean markOpened(String id) { throw new UnsupportedOperationException(); }
        @Override public boolean heartbeat(String sessionId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public boolean markClosing(String id, String reason, Instant at) { throw new UnsupportedOperationException(); }
        @Override public boolean markRevoked(String id, String claim) { throw new UnsupportedOperationException(); }
        @Override public boolean openFailedRevoked(String id, String reason, Instant at) { throw new UnsupportedOperationException(); }
        @Override public void retryLater(String id, String claim, Instant next, String error) { throw new UnsupportedOperationException(); }
        @Override public Optional<PhaseRow> find(String id) { throw new UnsupportedOperationException(); }
        @Override public LoginRow addLogin(LoginRow login) { throw new UnsupportedOperationException(); }
        @Override public void loginRevoked(Long loginId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public List<LoginRow> logins(String sessionId) { throw new UnsupportedOperationException(); }
        @Override public List<LeaseRow> addLeases(List<LeaseRow> leases) { throw new UnsupportedOperationException(); }
        @Override public void leaseRevoked(Long leaseRowId, Instant at, String reason) { throw new UnsupportedOperationException(); }
        @Override public void leaseRenewed(Long leaseRowId, Instant expiresAt) { throw new UnsupportedOperationException(); }
        @Override public List<LeaseRow> leases(String sessionId) { throw new UnsupportedOperationException(); }
        @Override public boolean claim(String sessionId, String claim, Instant until, Instant now) { throw new UnsupportedOperationException(); }
        @Override public void release(String sessionId, String claim) { throw new UnsupportedOperationException(); }
        @Override public long count(PhaseState state) { throw new UnsupportedOperationException(); }
        @Override public List<AuditRow> auditTrail(String sessionId) { throw new UnsupportedOperationException(); }
    }

    /** Reaps by removing from the store's due list, unless told that Vault is down. */
    private static final class ListRevoker extends Revoker {
        private final DueStore store;
        boolean vaultDown;

        ListRevoker(DueStore store) {
            super(store, null, null, null, PhaseSettings.defaults(), Clock.systemUTC(), null, null);
            this.store = store;
        }

        @Override
        public boolean reap(String sessionId, String reason) {
            return !vaultDown && store.due.removeIf(s -> s.id().equals(sessionId));
        }
    }

    private static PhaseRow lapsed() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        return new PhaseRow(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "run-x", "plan", "iss", "sub",
                PhaseState.OPEN, longAgo, longAgo, Instant.now().plusSeconds(3600), null, null, 0, null, null,
                null, null);
    }

    @Test
    void oneSweepRevokesMoreThanABatch() {
        DueStore store = new DueStore();
        IntStream.range(0, 250).forEach(i -> store.due.add(lapsed()));
        Reaper reaper = new Reaper(store, new ListRevoker(store), PhaseSettings.defaults(), Clock.systemUTC());
        assertEquals(250, reaper.sweep());
        assertEquals(0, store.due.size());
        assertEquals(3, store.queries);
    }

    @Test
    void aBatchThatRevokesNothingEndsTheSweep() {
        DueStore store = new DueStore();
        IntStream.range(0, 150).forEach(i -> store.due.add(lapsed()));
        ListRevoker revoker = new ListRevoker(store);
        revoker.vaultDown = true;
        Reaper reaper = new Reaper(store, revoker, PhaseSettings.defaults(), Clock.systemUTC());
        assertEquals(0, reaper.sweep());
        assertEquals(1, store.queries, "no second query while Vault refuses everything");
    }
}
