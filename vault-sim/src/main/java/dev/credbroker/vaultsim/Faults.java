package dev.credbroker.vaultsim;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures a test can switch on while the sim runs: latency on every request, the next requests under a
 * path prefix answered with an error status or cut off without an answer, and a sealed barrier.
 */
public final class Faults {
    /** What to do to one request. {@code status == 0} means: close the connection without answering. */
    public record Injected(String pathPrefix, int status) {
    }

    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicBoolean sealed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Injected> pending = new ConcurrentLinkedQueue<>();

    public void latency(Duration perRequest) {
        latency.set(perRequest);
    }

    public Duration latency() {
        return latency.get();
    }

    /** The next {@code count} requests whose path (after {@code /v1/}) starts with the prefix get {@code status}. */
    public void failNext(String pathPrefix, int count, int status) {
        for (int i = 0; i < count; i++) {
            pending.add(new Injected(pathPrefix, status));
        }
    }

    /** The next {@code count} requests under the prefix see their connection closed before any answer. */
    public void dropNext(String pathPrefix, int count) {
        failNext(pathPrefix, count, 0);
    }

    public void seal() {
        sealed.set(true);
    }

    public void unseal() {
        sealed.set(false);
    }

    public boolean sealed() {
        return sealed.get();
    }

    public void clear() {
        pending.clear();
        latency.set(Duration.ZERO);
        sealed.set(false);
    }

    public Optional<Injected> take(String path) {
        for (Injected candidate : pending) {
            if (path.startsWith(candidate.pathPrefix()) && pending.remove(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
