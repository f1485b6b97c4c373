/**
 * The one-command demo: vault-sim configured like a real Vault, the broker's own issuer, one run phase.
 */
package dev.credbroker.demo;
