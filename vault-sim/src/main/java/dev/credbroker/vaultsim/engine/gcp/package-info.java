/**
 * The {@code gcp} secrets engine: configuration, rolesets, static and impersonated accounts, unleased OAuth2 access
 * tokens and leased service-account keys, with the paths and messages of hashicorp/vault-plugin-secrets-gcp.
 */
package dev.credbroker.vaultsim.engine.gcp;
