package dev.credbroker.variables;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one configuration asks for in one phase: which Vault to log in to, and what to read there.
 * Every name that ends up in a Vault path has been validated as a path segment by the resolver.
 */
public sealed interface CredentialPlan permits VaultProviderPlan, AwsPlan, AzurePlan, GcpPlan {

    /** The configuration's tag, {@code ""} for the default one. */
    String tag();

    /** The Vault configuration whose login this plan reads with. */
    VaultConfig vault();

    Provider provider();

    /**
     * {@code SLEEP_SECONDS}: how long the cloud may take to accept a new credential (IAM is eventually
     * consistent). Only the providers whose variables have it override this.
     */
    default Duration sleep() {
        return Duration.ZERO;
    }

    /**
     * When the run may start using a credential issued at {@code issuedAt}; empty when at once. The runner waits,
     * not a broker thread.
     */
    default Optional<Instant> usableAfter(Instant issuedAt) {
        Duration sleep = sleep();
        return sleep.isZero() ? Optional.empty() : Optional.of(issuedAt.plus(sleep));
    }
}
