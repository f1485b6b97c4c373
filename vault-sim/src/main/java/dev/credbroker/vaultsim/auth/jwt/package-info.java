/**
 * The JWT auth method: config, roles, and login with the plugin's order of checks and error strings.
 */
package dev.credbroker.vaultsim.auth.jwt;
