/**
 * What every command gets from the command line that runs it: exit codes, parsing and error handling
 * ({@link dev.credbroker.cli.runtime.CommandLines}), and the application context started only when a command
 * needs it ({@link dev.credbroker.cli.runtime.CliContext}). The command packages ({@code cli}, {@code cli.phase},
 * {@code cli.audit}, the demo jar's) depend on it and it on none of them, so they form no cycle.
 */
package dev.credbroker.cli.runtime;
