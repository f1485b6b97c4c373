package dev.credbroker.vaultsim.testengine;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.MountContext;
import dev.credbroker.vaultsim.engine.SecretsEngine;
import dev.credbroker.vaultsim.engine.SimRequest;
import dev.credbroker.vaultsim.engine.SimResponse;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal engine for testing the server's lease machinery apart from any cloud: {@code leased} issues a
 * renewable 10-minute lease (max 30 min), {@code fixed} a non-renewable one, {@code token} an unleased secret
 * (as GCP access tokens are).
 * It counts revocations so tests see the engine called back exactly once.
 */
public final class CountingEngine implements SecretsEngine {
    public static final AtomicInteger REVOKED = new AtomicInteger();

    @Override
    public String type() {
        return "counting";
    }

    @Override
    public SimResponse handle(SimRequest request, MountContext mount) {
        String id = UUID.randomUUID().toString();
        return switch (request.path()) {
            case "leased" -> issue(mount, id, true);
            case "fixed" -> issue(mount, id, false);
            case "token" -> SimResponse.unleased(Map.of("id", id, "token_ttl", 900));
            default -> throw VaultError.unsupportedPath(request.path());
        };
    }

    private SimResponse issue(MountContext mount, String id, boolean renewable) {
        mount.cloud().mint(id, "counting", null);
        return SimResponse.leased(Map.of("id", id, "secret", UUID.randomUUID().toString()),
                new SimResponse.Lease(Duration.ofMinutes(10), Duration.ofMinutes(30), renewable), Map.of("id", id));
    }

    @Override
    public void revoke(Map<String, Object> internal, MountContext mount) {
        REVOKED.incrementAndGet();
        mount.cloud().invalidate((String) internal.get("id"));
    }
}
