package dev.credbroker.variables;

import java.util.Locale;

/** What a credential plan yields: a Vault token for the Vault provider, or Vault-backed cloud credentials. */
public enum Provider {
    VAULT, AWS, AZURE, GCP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
