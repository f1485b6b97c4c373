package dev.credbroker.audit;

import dev.credbroker.store.AuditStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Creates this instance's chain head at start, in a commit of its own: otherwise the first two events written
 * at once would both try to create it, and one phase would fail on it. Not in the command line's context.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
class AuditChainStartup {
    private final AuditStore store;
    private final BrokerInstance instance;

    AuditChainStartup(AuditStore store, BrokerInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        store.ensureChain(instance.id(), ChainHash.GENESIS);
    }
}
