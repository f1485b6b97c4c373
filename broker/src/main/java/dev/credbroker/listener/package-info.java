/**
 * The broker's own HTTP listener: TLS from PEM files, client certificates for runners, the bind address.
 * Micronaut does the TLS; this package only turns {@code broker.tls.*} into its server SSL configuration.
 */
package dev.credbroker.listener;
