package dev.credbroker.health;

import dev.credbroker.workload.RefreshableTrustedIssuer;
import dev.credbroker.workload.TrustedIssuer;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready only when every trusted issuer's keys can be read: an issuer whose JWKS can't be fetched means its runs
 * are refused (or verified against keys that may be stale), which an orchestrator should see before it routes
 * runs here. Reading the keys goes through each issuer's own cache and refresh period.
 */
@Singleton
@Readiness
public class IssuerKeysReadinessIndicator implements HealthIndicator {
    private final List<TrustedIssuer> issuers;
    private final CachedCheck cached;

    public IssuerKeysReadinessIndicator(List<TrustedIssuer> issuers, Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.cached = new CachedCheck(this::check, clock);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return cached.publisher();
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allUp = true;
        for (TrustedIssuer issuer : issuers) {
            String state;
            try {
                int keys = issuer.keys().size();
                String failure = issuer instanceof RefreshableTrustedIssuer r ? r.lastFetchFailure().orElse(null) : null;
                state = failure == null ? "UP (" + keys + " keys)" : "DOWN (" + failure + "; " + keys + " cached keys)";
            } catch (RuntimeException e) {
                state = "DOWN (" + e.getMessage() + ")";
            }
            allUp &= state.startsWith("UP");
            details.put(issuer.issuer(), state);
        }
        return HealthResult.builder("trusted-issuers", allUp ? HealthStatus.UP : HealthStatus.DOWN).details(details)
                .build();
    }
}
