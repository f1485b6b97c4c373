package dev.credbroker.phase;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.store.AuditRow;
import dev.credbroker.store.AuditStore;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vault.AllowedVault;
import dev.credbroker.vault.VaultGateway;
import dev.credbroker.vault.VaultLogin;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;
import dev.credbroker.vault.VaultUnavailableException;
import dev.credbroker.workload.WorkloadToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While Vault can't confirm a revocation, each failed attempt schedules the next one on the injected clock:
 * {@code retry-min} doubled per attempt, never more than {@code retry-max}. No sleeping: the clock is moved.
 */
class RevokerBackoffTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final String SESSION = "6d1f3a52-0c7e-4a55-9d7e-2f0b8f1c1a01";

    /** One CLOSING session with one token and one lease; records when each retry was scheduled for. */
    private static final class OneSession implements PhaseStore {
        final List<Instant> retries = new ArrayList<>();
        PhaseRow row = new PhaseRow(SESSION, "jti-1", "run-1", "plan", "iss", "sub", PhaseState.OPEN, START,
                START, START.plusSeconds(3600), null, null, 0, null, null, null, null);
        boolean revoked;

        @Override public <T> T inTransaction(Supplier<T> work) { return work.get(); }
        @Override public Optional<PhaseRow> find(String id) { return Optional.of(row); }
        @Override public boolean claim(String sessionId, String claim, Instant until, Instant now) { return true; }
        @Override public boolean markClosing(String id, String reason, Instant at) {
            boolean first = row.state() == PhaseState.OPEN;
            row = row.closing(reason, at);
            return first;
        }
        @Override public List<LoginRow> logins(String sessionId) {
            return List.of(new LoginRow(1L, SESSION, "", "https://vault.example", null, "acc-1",
                    START.plusSeconds(1200), null));
        }
        @Override public List<LeaseRow> leases(String sessionId) {
            return List.of(new LeaseRow(1L, SESSION, 1L, "aws", "", "aws/creds/deploy/L1", START.plusSeconds(900),
                    true, null, null));
        }
        @Override public void retryLater(String id, String claim, Instant next, String error) {
            retries.add(next);
            row = new PhaseRow(row.id(), row.jti(), row.runId(), row.phase(), row.issuer(), row.subject(),
                    row.state(), row.createdAt(), row.heartbeatAt(), row.deadlineAt(), row.closedAt(),
                    row.closeReason(), row.revokeAttempts() + 1, next, error, null, null);
        }
        @Override public void leaseRevoked(Long leaseRowId, Instant at, String reason) { }
        @Override public void loginRevoked(Long loginId, Instant at) { }
        @Override public boolean markRevoked(String id, String claim) { revoked = true; return true; }
        @Override public long count(PhaseState state) { return 0; }

        // Not part of a revocation.
        @Override public void insert(PhaseRow session) { throw new UnsupportedOperationException(); }
        @Override public boolean markOpened(String id) { throw new UnsupportedOperationException(); }
        @Override public boolean heartbeat(String sessionId, Instant at) { throw new UnsupportedOperationException(); }
        @Override public boolean openFailedRevoked(String id, String reason, Instant at) { throw new UnsupportedOperationException(); }
        @Override public LoginRow addLogin(LoginRow login) { throw new UnsupportedOperationException(); }
        @Override public List<LeaseRow> addLeases(List<LeaseRow> leases) { throw new UnsupportedOperationException(); }
        @Override public void leaseRenewed(Long leaseRowId, Instant expiresAt) { throw new UnsupportedOperationException(); }
        @Override public void release(String sessionId, String claim) { throw new UnsupportedOperationException(); }
        @Override public List<PhaseRow> due(Instant staleBefore, Instant now) { throw new UnsupportedOperationException(); }
        @Override public List<AuditRow> auditTrail(String sessionId) { throw new UnsupportedOperationException(); }
    }

    /** Vault sealed until {@code up}: every revocation fails as unreachable Vault does. */
    private static final class SealedVault implements VaultGateway {
        boolean up;
        int leaseRevocations;

        @Override
        public BrokerRevoker brokerRevoker(String runId) {
            return new BrokerRevoker() {
                @Override
                public void revokeLease(URI address, Optional<String> namespace, String leaseId) {
                    leaseRevocations++;
                    if (!up) {
                        throw new VaultUnavailableException("Vault at " + address + " answered 503");
                    }
                }

                @Override
                public void revokeAccessor(URI address, Optional<String> namespace, String accessor) {
                    if (!up) {
                        throw new VaultUnavailableException("Vault at " + address + " answered 503");
                    }
                }
            };
        }

        @Override public VaultLogin login(AllowedVault vault, WorkloadToken token) { throw new UnsupportedOperationException(); }
        @Override public VaultSecret read(VaultLogin login, VaultRequest request) { throw new UnsupportedOperationException(); }
        @Override public Instant renewLease(VaultLogin login, String leaseId, Duration increment) { throw new UnsupportedOperationException(); }
        @Override public Instant renewSelf(VaultLogin login, Duration increment) { throw new UnsupportedOperationException(); }
        @Override public void revokeSelf(VaultLogin login) { throw new UnsupportedOperationException(); }
    }

    /** Events are built and chained as in production, and kept in memory. */
    private static final class MemoryAudit implements AuditStore {
        final List<AuditRow> rows = new ArrayList<>();
        Head head = new Head(0, "genesis");

        @Override public void ensureChain(String instanceId, String genesisHash) { }
        @Override public AuditRow append(String instanceId, String genesisHash, Function<Head, AuditRow> link) {
            AuditRow row = link.apply(head);
            head = new Head(row.chainSeq(), row.hash());
            rows.add(row);
            return row;
        }
        @Override public boolean inTransaction() { return true; }
        @Override public void afterCommit(Runnable action) { action.run(); }
    }

    @Test
    void retriesShouldDoubleFromRetryMinUpToRetryMaxOnTheInjectedClock() {
        SimClock clock = new SimClock(START);
        PhaseSettings d = PhaseSettings.defaults();
        PhaseSettings settings = new PhaseSettings(d.heartbeatTimeout(), d.maxDuration(), d.renewWithin(),
                d.renewIncrement(), d.claimDuration(), Duration.ofSeconds(5), Duration.ofMinutes(2), null);
        OneSession store = new OneSession();
        SealedVault vault = new SealedVault();
        MemoryAudit audit = new MemoryAudit();
        Revoker sut = new Revoker(store, vault, new LiveLogins(), new AuditLog(audit, line -> { }, () -> "i-1", clock),
                settings, clock, new PhaseMetrics(new SimpleMeterRegistry(), store), null);

        List<Duration> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            Instant attemptAt = clock.instant();
            assertFalse(sut.reap(SESSION, "heartbeat-lapsed"), "Vault is sealed: not revoked");
            Instant next = store.retries.get(attempt);
            delays.add(Duration.between(attemptAt, next));
            // The next attempt happens when the reaper finds it due, at the scheduled instant.
            clock.advance(Duration.between(attemptAt, next));
        }

        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 120L, 120L, 120L),
                delays.stream().map(Duration::getSeconds).toList());
        assertEquals(8, store.row.revokeAttempts());
        assertEquals(8, vault.leaseRevocations, "each attempt asked Vault again");
        assertEquals(List.of("phase.reaped", "phase.revoke-failed"), audit.rows.stream().map(AuditRow::event)
                .distinct().toList());

        vault.up = true;
        assertTrue(sut.reap(SESSION, "heartbeat-lapsed"), "revoked once Vault confirms");
        assertTrue(store.revoked);
        assertEquals(8, store.retries.size(), "no retry scheduled after success");
    }
}
