/**
 * Secret leases: ids, renewal within the max TTL, revocation and expiry.
 */
package dev.credbroker.vaultsim.lease;
