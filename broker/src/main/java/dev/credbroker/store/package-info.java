/**
 * Persistence of phase sessions, their Vault tokens (by accessor), leases and audit events; the only package that knows SQL.
 */
package dev.credbroker.store;
