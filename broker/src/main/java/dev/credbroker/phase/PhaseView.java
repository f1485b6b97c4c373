package dev.credbroker.phase;

import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A phase as its runner may see it: its state and times, its Vault tokens by accessor and its leases. Nothing
 * secret, and nothing of how it is stored (claims, retry bookkeeping) beyond what the status call shows.
 *
 * @param deadline the token's {@code exp} or the phase's maximum duration, whichever comes first
 */
public record PhaseView(String id, String runId, String phase, PhaseState state, Instant createdAt,
                        Instant heartbeatAt, Instant deadline, @Nullable Instant closedAt,
                        @Nullable String closeReason, List<VaultToken> vaultTokens, List<Lease> leases) {

    /** A Vault token of the phase, known by its accessor only. */
    public record VaultToken(String tag, String address, String accessor, @Nullable Instant revokedAt) {
    }

    /** A lease of the phase; once Vault confirmed its revocation, when and why. */
    public record Lease(String leaseId, String provider, String tag, Instant expiresAt, @Nullable Instant revokedAt,
                        @Nullable String revokeReason) {
    }

    public PhaseView {
        vaultTokens = List.copyOf(vaultTokens);
        leases = List.copyOf(leases);
    }

    static PhaseView of(PhaseRow session, List<LoginRow> logins, List<LeaseRow> leases) {
        return new PhaseView(session.id(), session.runId(), session.phase(), session.state(), session.createdAt(),
                session.heartbeatAt(), session.deadlineAt(), session.closedAt(), session.closeReason(),
                logins.stream().map(l -> new VaultToken(l.vaultTag(), l.address(), l.accessor(), l.revokedAt()))
                        .toList(),
                leases.stream().map(l -> new Lease(l.leaseId(), l.provider().toLowerCase(Locale.ROOT), l.tag(),
                        l.expiresAt(), l.revokedAt(), l.revokeReason())).toList());
    }
}
