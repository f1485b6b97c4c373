package dev.credbroker.phase;

import dev.credbroker.store.LoginRow;
import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.vault.VaultLogin;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vault tokens of open phases, in this process's memory only (invariant 4 of docs/INVARIANTS.md forbids
 * storing them). They let the instance that opened a phase renew its leases; revocation never depends on them,
 * because the revocation identity and the stored accessors suffice after a restart. Beside them, the plans the
 * phase was opened with (no secret in them), so that a refresh reads again exactly what the open read.
 */
@Singleton
public class LiveLogins {
    /** A token and the row that records its accessor. */
    public record Live(LoginRow row, VaultLogin login) {
        public Long loginRowId() {
            return row.id();
        }
    }

    private final Map<String, List<Live>> byPhase = new ConcurrentHashMap<>();
    private final Map<String, List<CredentialPlan>> plans = new ConcurrentHashMap<>();

    void put(String sessionId, List<Live> logins) {
        byPhase.put(sessionId, List.copyOf(logins));
    }

    Optional<List<Live>> get(String sessionId) {
        return Optional.ofNullable(byPhase.get(sessionId));
    }

    Optional<VaultLogin> byRow(String sessionId, Long loginRowId) {
        return get(sessionId).flatMap(l -> l.stream().filter(x -> x.loginRowId().equals(loginRowId)).findFirst())
                .map(Live::login);
    }

    void putPlans(String sessionId, List<CredentialPlan> opened) {
        plans.put(sessionId, List.copyOf(opened));
    }

    Optional<List<CredentialPlan>> plans(String sessionId) {
        return Optional.ofNullable(plans.get(sessionId));
    }

    void remove(String sessionId) {
        byPhase.remove(sessionId);
        plans.remove(sessionId);
    }
}
