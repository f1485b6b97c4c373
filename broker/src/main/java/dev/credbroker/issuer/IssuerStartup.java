package dev.credbroker.issuer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the server starts, loads the key ring and the orchestrator credential eagerly (generating them on a
 * first start) so an operator finds both before the first request, and says where they are.
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class IssuerStartup {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerStartup.class);

    private final IssuerConfiguration config;
    private final KeyRing ring;
    private final OrchestratorCredential credential;

    public IssuerStartup(IssuerConfiguration config, KeyRing ring, OrchestratorCredential credential) {
        this.config = config;
        this.ring = ring;
        this.credential = credential;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        LOG.info("issuer {} serving {} keys from {} (active kid={}); orchestrator credential from {}",
                config.url(), ring.keys().size(), ring.directory(), ring.activeKey().kid(), credential.source());
    }
}
