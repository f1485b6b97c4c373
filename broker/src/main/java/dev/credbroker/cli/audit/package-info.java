/**
 * {@code credbroker audit}: the security team's side of the audit trail, read from the broker's database:
 * verify the chains, show a run's or workspace's timeline, export JSON lines for a SIEM, correlate with Vault's
 * audit log.
 */
package dev.credbroker.cli.audit;
