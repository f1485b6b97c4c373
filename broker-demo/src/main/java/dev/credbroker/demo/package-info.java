/**
 * The demo jar ({@code broker-demo}): vault-sim configured like a real Vault, the broker on its embedded defaults
 * with its own issuer, and two commands: {@code demo} (one plan phase, start to end) and {@code dev} (left running
 * for the server jar's {@code mint-token} and {@code phase} commands). Nothing here is in the server's jar.
 */
package dev.credbroker.demo;
