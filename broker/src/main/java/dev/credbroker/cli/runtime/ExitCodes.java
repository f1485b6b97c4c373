package dev.credbroker.cli.runtime;

import picocli.CommandLine;

/** What a command's exit code says, the same for every command of either jar. */
public final class ExitCodes {
    /** Input the command cannot use (picocli's usage code). */
    public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;
    /** A failure that is not the caller's input. */
    public static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

    private ExitCodes() {
    }
}
