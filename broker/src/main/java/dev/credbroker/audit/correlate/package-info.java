/**
 * Going from a run to the Vault requests it made, in Vault's own (HMAC'd) audit log: by the run-id header
 * Vault logs in clear, and by the run's token accessors as the audit device hashes them.
 */
package dev.credbroker.audit.correlate;
