/**
 * The Vault provider configuration: the phase's own Vault token, handed to the run.
 */
package dev.credbroker.cloud.vaultprovider;
