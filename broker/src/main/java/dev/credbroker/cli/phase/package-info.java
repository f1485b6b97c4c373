/**
 * {@code credbroker phase}: the runner side of {@code /v1/phases}, for a sidecar next to Terraform. It talks
 * to a broker over HTTP only (no database, no Vault), writes what a phase hands out into a directory with
 * owner-only permissions, and never prints or logs a secret: stdout carries phase ids and names, stderr one
 * line per failure built from the broker's problem document.
 */
package dev.credbroker.cli.phase;
