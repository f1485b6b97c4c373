package dev.credbroker.demo;

import dev.credbroker.cli.BuildVersion;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code java -jar broker-demo.jar demo|dev}: the demo jar's command line, parsed and failing like the server
 * jar's ({@link CommandLines}). Without a command it lists them.
 */
@Command(name = "credbroker-demo", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The broker with vault-sim, for trying it out; not for production (the server is broker.jar).",
        subcommands = {DemoCommand.class, DevCommand.class})
public final class DemoMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }

    public static void main(String[] args) {
        // before the first logger exists: the broker's log goes to stderr, stdout carries the commands' own output
        System.setProperty("BROKER_LOG_TARGET", "System.err");
        int code;
        // neither command needs the CLI's own context: each starts a whole broker of its own
        try (CliContext contexts = CliContext.lazy(DemoMain.class)) {
            code = CommandLines.execute(DemoMain.class, contexts, new PrintWriter(System.out, true),
                    new PrintWriter(System.err, true), args);
        }
        System.exit(code);
    }
}
