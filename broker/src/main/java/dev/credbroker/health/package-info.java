/**
 * Readiness: whether this broker can do its work now (a Vault target answers, every trusted issuer's keys can be
 * read). What {@code /health/readiness} and {@code /health} report; details only to the operator.
 */
package dev.credbroker.health;
