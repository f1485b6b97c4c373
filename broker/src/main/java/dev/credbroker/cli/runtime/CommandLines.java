package dev.credbroker.cli.runtime;

import dev.credbroker.error.BrokerException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a top-level {@code @Command} class the way every credbroker command line runs: commands made by picocli,
 * those that need beans handed {@code contexts}, bad arguments as one line on stderr and exit code
 * {@value ExitCodes#BAD_INPUT} (not picocli's whole usage text), failures as one line and
 * {@value ExitCodes#FAILURE}, and the top command's {@code --version} on every subcommand.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static int execute(Class<?> topCommand, CliContext contexts, PrintWriter out, PrintWriter err,
            String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof ContextCommand command) {
                    command.useContext(contexts);
                }
                return made;
            }
        };
        CommandLine cli = new CommandLine(topCommand, factory);
        versionEverywhere(cli, cli.getCommandSpec().versionProvider());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("credbroker: " + problem(ex)
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // messages of the broker's exceptions are secret-free by contract; others are shown by type only
            String message = ex instanceof BrokerException ? ex.getMessage() : ex.getClass().getSimpleName();
            commandLine.getErr().println("credbroker: " + message);
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * A word where a command was expected is an unknown command (say, {@code demo} given to the server's jar, which
     * has none), said so rather than picocli's "Unmatched argument at index 0".
     */
    private static String problem(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return ex.getMessage();
    }

    /** {@code --version} on a subcommand prints the build's version too, not an empty line. */
    private static void versionEverywhere(CommandLine cli, CommandLine.IVersionProvider top) {
        if (cli.getCommandSpec().version().length == 0) {
            cli.getCommandSpec().versionProvider(top);
        }
        cli.getSubcommands().values().forEach(sub -> versionEverywhere(sub, top));
    }
}
