package dev.credbroker.cli;

import dev.credbroker.cli.audit.AuditCommand;
import dev.credbroker.cli.issuer.IssuerCommand;
import dev.credbroker.cli.phase.AwsCredentialProcessCommand;
import dev.credbroker.cli.phase.PhaseCommand;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code credbroker}: the top-level command. Run without a subcommand it lists them. To add a command,
 * write a {@code @Command} class in this package and add it to {@code subcommands} below.
 *
 * <p>Commands are plain objects made by picocli, not beans: parsing, {@code --help} and {@code --version} need
 * no application context. A command that needs the broker's beans implements {@link ContextCommand} and starts
 * the {@link CliContext} only when it runs.
 */
@Command(name = "credbroker", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Vault-backed credential broker. Without arguments (or with 'serve') the jar starts the server.",
        subcommands = {
                ServeCommand.class,
                MintTokenCommand.class,
                RotateKeysCommand.class,
                IssuerCommand.class,
                DemoCommand.class,
                PhaseCommand.class,
                AwsCredentialProcessCommand.class,
                AuditCommand.class,
        })
public class CredbrokerCommand implements Callable<Integer> {

    /** Exit code for input the command cannot use (picocli's usage code). */
    public static final int EXIT_BAD_INPUT = CommandLine.ExitCode.USAGE;
    /** Exit code for a failure that is not the caller's input. */
    public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }

    /**
     * Runs the command line; commands that need beans get them from {@code contexts}, which is started only
     * if such a command runs. Bad arguments give one line on stderr and exit code {@value #EXIT_BAD_INPUT},
     * not picocli's whole usage text.
     */
    public static int execute(CliContext contexts, String... args) {
        return execute(contexts, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(CliContext, String...)} with a context already started (tests). */
    public static int execute(ApplicationContext ctx, PrintWriter out, PrintWriter err, String... args) {
        return execute(CliContext.of(ctx), out, err, args);
    }

    /** As {@link #execute(CliContext, String...)}, writing the commands' output and errors to the given writers. */
    public static int execute(CliContext contexts, PrintWriter out, PrintWriter err, String... args) {
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
        CommandLine cli = new CommandLine(CredbrokerCommand.class, factory);
        versionEverywhere(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("credbroker: " + ex.getMessage()
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // messages of the broker's exceptions are secret-free by contract; others are shown by type only
            String message = ex instanceof dev.credbroker.error.BrokerException ? ex.getMessage()
                    : ex.getClass().getSimpleName();
            commandLine.getErr().println("credbroker: " + message);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /** {@code --version} on a subcommand prints the build's version too, not an empty line. */
    private static void versionEverywhere(CommandLine cli) {
        if (cli.getCommandSpec().version().length == 0) {
            cli.getCommandSpec().versionProvider(new BuildVersion());
        }
        cli.getSubcommands().values().forEach(CredbrokerCommand::versionEverywhere);
    }
}
