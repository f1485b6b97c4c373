package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.engine.SimRequest;
import dev.credbroker.vaultsim.engine.SimResponse;
import dev.credbroker.vaultsim.lease.Lease;
import dev.credbroker.vaultsim.token.Token;

/**
 * Hands a request to the engine mounted under its path and turns the engine's answer into Vault's envelope,
 * creating the lease when the engine asks for one. The lease belongs to the requesting token, so revoking
 * the token revokes it.
 */
final class SecretsHandler {
    private final VaultCore core;

    SecretsHandler(VaultCore core) {
        this.core = core;
    }

    Response handle(Request request, Mount mount, Token caller) {
        String relative = request.path().equals(mount.path()) ? "" : request.path().substring(mount.path().length() + 1);
        SimResponse answer = mount.engine().handle(
                new SimRequest(request.operation().forEngine(), relative, request.data()), mount.context());
        if (answer.lease().isPresent()) {
            SimResponse.Lease terms = answer.lease().get();
            Lease lease = core.leases().create(request.path(), caller.id(), mount.path(), answer.internal(),
                    terms.ttl(), terms.maxTtl(), terms.renewable());
            return Response.envelope(request.id(), lease.id(), terms.ttl().getSeconds(), terms.renewable(),
                    answer.data(), null);
        }
        if (answer.data() == null) {
            return Response.noContent();
        }
        return Response.envelope(request.id(), "", 0, false, answer.data(), null);
    }
}
