/**
 * The secrets-engine SPI: what the server hands an engine and what an engine answers. Engines live in
 * subpackages (aws, azure, gcp) and know nothing of HTTP, tokens, policies or audit.
 */
package dev.credbroker.vaultsim.engine;
