package dev.credbroker.cloud;

import dev.credbroker.variables.CredentialPlan;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;

import java.time.Instant;

/**
 * Maps one kind of Vault-backed plan to its secrets-engine read and the engine's answer to credentials.
 * Pure: no I/O. A new cloud is one subpackage with one bean of this type; nothing else changes.
 */
public interface CloudCredentialProvider<P extends CredentialPlan> {

    Class<P> planType();

    VaultRequest request(P plan);

    IssuedCredential credential(P plan, VaultSecret secret, Instant now);
}
