/**
 * The {@code credbroker} command line (picocli): {@link dev.credbroker.cli.CredbrokerCommand} and its
 * subcommands. Commands are plain picocli objects: parsing, {@code --help} and {@code --version}
 * start nothing. {@code mint-token} and {@code rotate-keys} take the server's services from a {@link
 * dev.credbroker.cli.runtime.CliContext} they start when they run; the runner's commands ({@code phase},
 * {@code aws-credential-process}) and {@code issuer export-pem} need none.
 */
package dev.credbroker.cli;
