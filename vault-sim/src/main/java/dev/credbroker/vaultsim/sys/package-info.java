/**
 * The sys/ paths: mounts, auth methods, policies, audit devices, audited headers and leases.
 */
package dev.credbroker.vaultsim.sys;
