/**
 * Configures a Vault (vault-sim or a real dev server) for the broker over Vault's HTTP API, as {@code terraform/}
 * does for an operator: shared by the demo, {@code dev} and the process benchmark, kept out of the server's jar.
 */
package dev.credbroker.vaultsim.setup;
