package dev.credbroker.phase;

import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The phase lifecycle as Prometheus sees it ({@code /prometheus}): phases opened and refused, credentials
 * issued per provider, revocations by reason and failures. Tags carry reasons and providers, never ids.
 */
@Singleton
public class PhaseMetrics {
    private final MeterRegistry registry;
    private final Timer openTime;

    public PhaseMetrics(MeterRegistry registry, PhaseStore store) {
        this.registry = registry;
        // Read from the shared database at scrape time, so every instance reports the whole fleet's sessions;
        // "closing" above zero for long means Vault keeps refusing a revocation.
        for (PhaseState state : PhaseState.values()) {
            Gauge.builder("credbroker.phases", store, s -> count(s, state))
                    .description("phase sessions by state, across all broker instances sharing the database")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        this.openTime = Timer.builder("credbroker.phase.open.duration")
                .description("time to open a phase: Vault login, reads, and the database writes between them")
                .register(registry);
    }

    private static double count(PhaseStore store, PhaseState state) {
        try {
            return store.count(state);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void opened(Duration took) {
        registry.counter("credbroker.phases.opened").increment();
        openTime.record(took);
    }

    void openFailed(String errorCode) {
        registry.counter("credbroker.phases.open.failed", "error", errorCode).increment();
    }

    void issued(String provider) {
        registry.counter("credbroker.credentials.issued", "provider", provider).increment();
    }

    void revoked(String reason) {
        registry.counter("credbroker.phases.revoked", "reason", reason).increment();
    }

    void revocationFailed() {
        registry.counter("credbroker.revocations.failed").increment();
    }
}
