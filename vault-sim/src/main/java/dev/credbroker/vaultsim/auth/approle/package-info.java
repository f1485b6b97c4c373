/**
 * The AppRole auth method, as far as a service identity needs it.
 */
package dev.credbroker.vaultsim.auth.approle;
