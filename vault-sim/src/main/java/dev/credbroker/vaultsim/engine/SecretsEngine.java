package dev.credbroker.vaultsim.engine;

import java.time.Duration;
import java.util.Map;

/**
 * One secrets engine type ({@code aws}, {@code azure}, {@code gcp}). The server creates one instance per
 * mount ({@code POST /v1/sys/mounts/<path> {"type": ...}}) and routes every request under the mount to it,
 * after the ACL check. Engines throw {@link dev.credbroker.vaultsim.VaultError} with Vault's own messages.
 */
public interface SecretsEngine {

    /** The mount {@code type} this engine answers to. */
    String type();

    SimResponse handle(SimRequest request, MountContext mount);

    /** Called once when a lease this engine created is revoked, explicitly or by expiry. */
    void revoke(Map<String, Object> internal, MountContext mount);

    /**
     * Called on {@code sys/leases/renew}; the server has already checked {@code renewable} and caps the
     * result at the lease's max TTL. Engines that need to do nothing return {@code requested}.
     */
    default Duration renew(Map<String, Object> internal, Duration requested, MountContext mount) {
        return requested;
    }
}
