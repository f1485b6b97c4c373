package dev.credbroker.cli.phase;

import dev.credbroker.cli.runtime.ExitCodes;

/**
 * Ends a {@code phase} subcommand with one line on stderr and an exit code. Messages are secret-free by
 * construction: they name options, files and problem types, never a value read from a file, the environment
 * or a broker answer's credentials.
 */
public final class PhaseCliException extends RuntimeException {
    /** HTTP status of the broker's answer, or 0 when there was none (bad input, unreachable, local failure). */
    private final int httpStatus;
    private final int exitCode;

    private PhaseCliException(int exitCode, int httpStatus, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    /** The caller's input cannot be used: exit {@value ExitCodes#BAD_INPUT}. */
    static PhaseCliException badInput(String message) {
        return new PhaseCliException(ExitCodes.BAD_INPUT, 0, message);
    }

    /** Not the caller's input (local I/O, an unusable broker answer): exit {@value ExitCodes#FAILURE}. */
    static PhaseCliException failure(String message) {
        return new PhaseCliException(ExitCodes.FAILURE, 0, message);
    }

    /** The broker refused: 4xx is the caller's input or identity (exit 2), anything else a failure (exit 1). */
    static PhaseCliException refused(int httpStatus, String message) {
        return new PhaseCliException(httpStatus >= 400 && httpStatus < 500 ? ExitCodes.BAD_INPUT
                : ExitCodes.FAILURE, httpStatus, message);
    }

    public int exitCode() {
        return exitCode;
    }

    int httpStatus() {
        return httpStatus;
    }
}
