package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.engine.FakeCloud;
import dev.credbroker.vaultsim.engine.MountContext;
import dev.credbroker.vaultsim.engine.SecretsEngine;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A secrets engine enabled at a path, with the storage it keeps for the life of the mount. */
public record Mount(String path, SecretsEngine engine, MountContext context) {

    public static Mount of(String path, SecretsEngine engine, Clock clock, FakeCloud cloud) {
        Map<String, Object> storage = new ConcurrentHashMap<>();
        return new Mount(path, engine, new MountContext() {
            @Override
            public String mountPath() {
                return path;
            }

            @Override
            public Clock clock() {
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
        });
    }
}
