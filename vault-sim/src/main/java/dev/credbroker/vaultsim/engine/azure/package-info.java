/**
 * The {@code azure} secrets engine: configuration, roles, and leased service-principal credentials, with the paths
 * and messages of hashicorp/vault-plugin-secrets-azure.
 */
package dev.credbroker.vaultsim.engine.azure;
