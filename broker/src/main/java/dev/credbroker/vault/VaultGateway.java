package dev.credbroker.vault;

import dev.credbroker.workload.WorkloadToken;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the broker asks of Vault. A login needs an {@link AllowedVault} (no SSRF through
 * {@code TFC_VAULT_ADDR}); implementations refuse any other address that is not a configured target with
 * {@link VaultTargetNotAllowedException}, map Vault's 400/403
 * login answers to {@link VaultRefusedException} and unreachable/sealed/5xx Vault to
 * {@link VaultUnavailableException}. No method's exception message carries a token or a credential.
 */
public interface VaultGateway {

    /** {@code PUT auth/<authPath>/login {role, jwt}}, against the configuration's address in its namespace. */
    VaultLogin login(AllowedVault vault, WorkloadToken token);

    /** Reads a secret with the phase's own token. */
    VaultSecret read(VaultLogin login, VaultRequest request);

    /** {@code PUT sys/leases/renew}; returns the lease's new expiry. */
    Instant renewLease(VaultLogin login, String leaseId, Duration increment);

    /** {@code PUT auth/token/renew-self}; returns the token's new expiry. */
    Instant renewSelf(VaultLogin login, Duration increment);

    /** {@code PUT auth/token/revoke-self}: the token and every lease it created. */
    void revokeSelf(VaultLogin login);

    /**
     * Revocations the broker does with its own Vault identity (the revocation identity, configured per target) for
     * every close, the runner's and the reaper's, so they work after a restart, when the phase's token is gone.
     * Unknown lease or accessor counts as done. Each call carries the phase's {@code runId} in the audited
     * run-id header, as the phase's own calls do, so that Vault's audit log ties every revocation to its run
     * (a lease revocation names neither the run nor an accessor otherwise).
     */
    BrokerRevoker brokerRevoker(String runId);

    interface BrokerRevoker {
        /** {@code PUT sys/leases/revoke {lease_id, sync: true}}: returns once Vault revoked the lease. */
        void revokeLease(URI address, Optional<String> namespace, String leaseId);

        /** {@code PUT auth/token/revoke-accessor {accessor}}: revokes the token and its leases. */
        void revokeAccessor(URI address, Optional<String> namespace, String accessor);
    }
}
