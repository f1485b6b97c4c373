package dev.credbroker.vaultsim.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine answers. {@link #lease()} present means Vault must create a lease for the secret: the
 * server assigns {@code lease_id = <mount>/<path>/<random>}, ties it to the requesting token, and calls
 * {@link SecretsEngine#revoke} with the lease's internal data when it is revoked or expires.
 * {@code data} absent (null) with no lease renders as 204 No Content.
 */
public record SimResponse(Map<String, Object> data, Optional<Lease> lease, Map<String, Object> internal) {

    /**
     * @param ttl       the lease's TTL
     * @param maxTtl    the cap renewals may not pass
     * @param renewable whether {@code sys/leases/renew} may extend it
     */
    public record Lease(Duration ttl, Duration maxTtl, boolean renewable) {
    }

    public static SimResponse noContent() {
        return new SimResponse(null, Optional.empty(), Map.of());
    }

    public static SimResponse data(Map<String, Object> data) {
        return new SimResponse(data, Optional.empty(), Map.of());
    }

    /**
     * A secret Vault returns without a lease (GCP access tokens): {@code lease_id ""}, {@code lease_duration 0},
     * {@code renewable false}; any lifetime is in the data. No Vault answers an unleased secret with a non-zero
     * {@code lease_duration}.
     */
    public static SimResponse unleased(Map<String, Object> data) {
        return data(data);
    }

    /**
     * @param internal what the engine needs to revoke or renew the secret later; never shown to clients
     */
    public static SimResponse leased(Map<String, Object> data, Lease lease, Map<String, Object> internal) {
        return new SimResponse(data, Optional.of(lease), Map.copyOf(internal));
    }
}
