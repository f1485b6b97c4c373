/**
 * An in-process stand-in for HashiCorp Vault's HTTP API, written from Vault's documented behaviour.
 */
package dev.credbroker.vaultsim;
