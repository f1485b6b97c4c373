/**
 * The file audit device: request and response entries with HMAC'd secrets and audited headers.
 */
package dev.credbroker.vaultsim.audit;
