package dev.credbroker.cli;

import dev.credbroker.cli.audit.AuditCommand;
import dev.credbroker.cli.issuer.IssuerCommand;
import dev.credbroker.cli.phase.AwsCredentialProcessCommand;
import dev.credbroker.cli.phase.PhaseCommand;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.CommandLines;
import dev.credbroker.cli.runtime.ContextCommand;
import dev.credbroker.cli.runtime.ExitCodes;
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
                PhaseCommand.class,
                AwsCredentialProcessCommand.class,
                AuditCommand.class,
        })
public class CredbrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }

    /**
     * Runs the command line; commands that need beans get them from {@code contexts}, which is started only
     * if such a command runs. Bad arguments give one line on stderr and exit code {@value ExitCodes#BAD_INPUT},
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
        return CommandLines.execute(CredbrokerCommand.class, contexts, out, err, args);
    }
}
