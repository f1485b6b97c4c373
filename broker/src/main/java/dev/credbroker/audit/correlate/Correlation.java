package dev.credbroker.audit.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run's requests in Vault's audit log, and what a security team should look at:
 * <ul>
 *   <li>{@code after-close}: a request made with a phase's token after the phase was closed or reaped (its
 *   token should be dead, or only ending itself with {@code revoke-self});</li>
 *   <li>{@code unknown-token}: a login on one of the broker's JWT auth paths whose token no phase recorded: a
 *   token of the broker's roles obtained outside the broker.</li>
 * </ul>
 * The second scans the whole log, not only the run's requests.
 */
public final class Correlation {

    /** A request of the run, and how it was found: {@code header}, {@code accessor} or both. */
    public record Match(VaultAuditEntry entry, String foundBy, Optional<String> phaseId) {
    }

    /** Something to look at. */
    public record Flag(String kind, VaultAuditEntry entry, String why) {
    }

    public record Result(List<Match> requests, List<Flag> flags) {
    }

    private Correlation() {
    }

    /**
     * @param runPhases     the run's phases with their tokens
     * @param knownAccessors every accessor (clear and hashed) of every phase the broker recorded, any run
     * @param jwtLoginPaths  login paths of the broker's JWT auth mounts, e.g. {@code auth/jwt/login}
     */
    public static Result of(String runId, List<PhaseTokens> runPhases, Set<String> knownAccessors,
                            Set<String> jwtLoginPaths, List<VaultAuditEntry> log) {
        List<Match> requests = new ArrayList<>();
        List<Flag> flags = new ArrayList<>();
        for (VaultAuditEntry entry : log) {
            boolean byHeader = entry.runIds().contains(runId);
            Optional<PhaseTokens> phase = runPhases.stream()
                    .filter(p -> entry.accessor() != null && p.loggedAccessors().contains(entry.accessor()))
                    .findFirst();
            if (byHeader || phase.isPresent()) {
                requests.add(new Match(entry, byHeader && phase.isPresent() ? "header+accessor"
                        : byHeader ? "header" : "accessor", phase.map(PhaseTokens::phaseId)));
            }
            if (phase.isPresent() && "request".equals(entry.type()) && phase.get().closedAt() != null
                    && entry.time().isAfter(phase.get().closedAt()) && !entry.path().equals("auth/token/revoke-self")) {
                flags.add(new Flag("after-close", entry, "phase " + phase.get().phaseId() + " was closed at "
                        + phase.get().closedAt() + "; its token made this request later"));
            }
            if ("response".equals(entry.type()) && entry.newAccessor() != null
                    && jwtLoginPaths.contains(entry.path()) && !knownAccessors.contains(entry.newAccessor())) {
                flags.add(new Flag("unknown-token", entry, "a token of the broker's JWT roles that no phase recorded"));
            }
        }
        return new Result(requests, flags);
    }
}
