package dev.credbroker.health;

import dev.credbroker.vaultsim.SimClock;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Anonymous probes reuse one result for the TTL, measured on the injected clock. */
class CachedCheckTest {

    @Test
    void aResultShouldBeReusedUntilTheTtlPassedOnTheInjectedClock() {
        SimClock clock = new SimClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger checks = new AtomicInteger();
        CachedCheck sut = new CachedCheck(() -> HealthResult.builder("vault", checks.incrementAndGet() == 1
                ? HealthStatus.UP : HealthStatus.DOWN).build(), clock);

        assertEquals(HealthStatus.UP, sut.get().getStatus());
        clock.advance(CachedCheck.TTL.minus(Duration.ofMillis(1)));
        assertEquals(HealthStatus.UP, sut.get().getStatus(), "within the TTL: the cached result");
        assertEquals(1, checks.get());

        clock.advance(Duration.ofMillis(1));
        assertEquals(HealthStatus.DOWN, sut.get().getStatus(), "the TTL passed: checked again");
        assertEquals(2, checks.get());
    }
}
