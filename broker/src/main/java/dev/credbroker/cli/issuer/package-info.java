/**
 * {@code credbroker issuer …}: the broker's own issuer seen from outside, for operators. These commands start no
 * application context: they read a key directory or a running broker's JWKS, and never write.
 */
package dev.credbroker.cli.issuer;
