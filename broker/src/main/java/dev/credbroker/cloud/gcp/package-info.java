/**
 * Vault's GCP secrets engine → access tokens or service account keys (rolesets, static accounts).
 */
package dev.credbroker.cloud.gcp;
