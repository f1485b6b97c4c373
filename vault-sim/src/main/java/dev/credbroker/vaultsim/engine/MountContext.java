package dev.credbroker.vaultsim.engine;

import java.time.Clock;
import java.util.Map;

/** What the server lends an engine instance: its mount path, the sim's clock and a storage map of its own. */
public interface MountContext {

    /** The mount path without slashes at either end, e.g. {@code aws} or {@code team-a/aws}. */
    String mountPath();

    /** The sim's clock; tests advance it instead of sleeping. */
    Clock clock();

    /** This mount's storage (config, roles), kept for the life of the mount. Thread-safe. */
    Map<String, Object> storage();

    /** The fake cloud where minted credentials live, so tests can ask whether one is still valid. */
    FakeCloud cloud();
}
