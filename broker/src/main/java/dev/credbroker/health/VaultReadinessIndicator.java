package dev.credbroker.health;

import dev.credbroker.vault.VaultHttpClient;
import dev.credbroker.vault.VaultTarget;
import dev.credbroker.vault.VaultUnavailableException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready when at least one configured Vault target answers {@code sys/health} as active (200) or standby (429):
 * with none, every open would fail. Sealed, uninitialised and unreachable Vaults count as down. The details (shown
 * to the operator only) name each target and its answer, never a token.
 */
@Singleton
@Readiness
public class VaultReadinessIndicator implements HealthIndicator {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final List<VaultTarget> targets;
    private final VaultHttpClient http;
    private final CachedCheck cached;

    public VaultReadinessIndicator(List<VaultTarget> targets, VaultHttpClient http, Clock clock) {
        this.targets = targets.stream().filter(t -> t.getAddress() != null).toList();
        this.http = http;
        this.cached = new CachedCheck(this::check, clock);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return cached.publisher();
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyUp = false;
        for (VaultTarget target : targets) {
            String state;
            try {
                int status = http.send("GET", target.getAddress(), "sys/health?standbyok=true", Optional.empty(),
                        null, null, null, TIMEOUT, target.encodedCaCert()).status();
                state = status == 200 || status == 429 ? "UP" : "DOWN (" + status + ")";
            } catch (VaultUnavailableException e) {
                state = "DOWN (" + e.getMessage() + ")";
            }
            anyUp |= state.equals("UP");
            details.put(target.getName(), Map.of("address", target.getAddress().toString(), "status", state));
        }
        if (targets.isEmpty()) {
            details.put("error", "no Vault target is configured (broker.vault.targets.<name>.address)");
        }
        return HealthResult.builder("vault", anyUp ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}
