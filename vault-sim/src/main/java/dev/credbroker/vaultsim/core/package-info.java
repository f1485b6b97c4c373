/**
 * The request pipeline and the sim's state: routing, ACL checks, use counts, audit, mounts.
 */
package dev.credbroker.vaultsim.core;
