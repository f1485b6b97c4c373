package dev.credbroker.vaultsim.engine;

import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultError;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MountContext} for engine unit tests, bound to the engine under test: a sim clock tests advance by
 * hand, in-memory storage, a fake cloud, and the calls every engine test makes.
 */
public final class TestMount implements MountContext {

    public static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    private final String path;
    private final SimClock clock = new SimClock(START);
    private final SecretsEngine engine;
    private final Map<String, Object> storage = new ConcurrentHashMap<>();
    private final FakeCloud cloud = new FakeCloud();

    public TestMount(String path, SecretsEngine engine) {
        this.path = path;
        this.engine = engine;
    }

    public SimResponse call(SimRequest.Operation op, String requestPath, Map<String, Object> data) {
        return engine.handle(new SimRequest(op, requestPath, data), this);
    }

    public SimResponse write(String requestPath, Map<String, Object> data) {
        return call(SimRequest.Operation.UPDATE, requestPath, data);
    }

    public SimResponse read(String requestPath) {
        return call(SimRequest.Operation.READ, requestPath, Map.of());
    }

    public VaultError fails(SimRequest.Operation op, String requestPath, Map<String, Object> data) {
        return org.junit.jupiter.api.Assertions.assertThrows(VaultError.class, () -> call(op, requestPath, data));
    }

    @Override
    public String mountPath() {
        return path;
    }

    @Override
    public SimClock clock() {
        return clock;
    }

    @Override
    public Map<String, Object> storage() {
        return storage;
    }

    @Override
    public FakeCloud cloud() {
        return cloud;
    }

    public Instant now() {
        return clock.instant();
    }
}
