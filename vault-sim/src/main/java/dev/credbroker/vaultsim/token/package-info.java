/**
 * The token store and the auth/token/ endpoints.
 */
package dev.credbroker.vaultsim.token;
