package dev.credbroker.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;

import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A health result reused for {@link #TTL}: {@code /health} is anonymous, so without this every probe (or a flood of
 * them) would turn into calls to Vault and to issuers' JWKS endpoints.
 */
final class CachedCheck {
    static final Duration TTL = Duration.ofSeconds(10);
    private static final Executor EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<HealthResult> check;
    private final Clock clock;
    private HealthResult last;
    private Instant at = Instant.MIN;

    CachedCheck(Supplier<HealthResult> check, Clock clock) {
        this.check = check;
        this.clock = clock;
    }

    /** Off the event loop: a check may wait on the network for seconds. */
    Publisher<HealthResult> publisher() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::get, EXECUTOR));
    }

    synchronized HealthResult get() {
        Instant now = clock.instant();
        if (last == null || !at.plus(TTL).isAfter(now)) {
            try {
                last = check.get();
            } catch (RuntimeException e) {
                last = HealthResult.builder("unknown", HealthStatus.DOWN).details(e.getClass().getSimpleName()).build();
            }
            at = now;
        }
        return last;
    }
}
