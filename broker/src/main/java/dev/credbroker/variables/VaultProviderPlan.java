package dev.credbroker.variables;

/** {@code TFC_VAULT_PROVIDER_AUTH[_TAG]=true}: hand the run the Vault token itself. */
public record VaultProviderPlan(VaultConfig vault) implements CredentialPlan {
    @Override
    public String tag() {
        return vault.tag();
    }

    @Override
    public Provider provider() {
        return Provider.VAULT;
    }
}
