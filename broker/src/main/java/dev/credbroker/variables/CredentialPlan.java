package dev.credbroker.variables;

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
}
