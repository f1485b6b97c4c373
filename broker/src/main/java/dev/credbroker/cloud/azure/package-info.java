/**
 * Vault's Azure secrets engine → service principal credentials.
 */
package dev.credbroker.cloud.azure;
