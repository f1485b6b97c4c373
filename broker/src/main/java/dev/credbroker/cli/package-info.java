/**
 * The {@code credbroker} command line (picocli): {@link dev.credbroker.cli.CredbrokerCommand} and its
 * subcommands. Commands are beans, so they use the same services as the server.
 */
package dev.credbroker.cli;
