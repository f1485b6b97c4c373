package dev.credbroker.cloud;

import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;

import java.time.Instant;

/**
 * Maps one kind of Vault-backed plan to its secrets-engine read and the engine's answer to credentials.
 * Pure: no I/O. Plans are a sealed type, so a new cloud is a new {@code CredentialPlan} record (named in its
 * {@code permits}, with the {@code Provider} constant and a reader in {@code variables/}) plus one subpackage
 * here with one bean of this type; the phase finds that bean by the plan's class.
 */
public interface CloudCredentialProvider<P extends CredentialPlan> {

    Class<P> planType();

    VaultRequest request(P plan);

    IssuedCredential credential(P plan, VaultSecret secret, Instant now);
}
