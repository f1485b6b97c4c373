package dev.credbroker.cli;

import dev.credbroker.cli.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code credbroker serve}: here for its {@code --help} only. {@code dev.credbroker.Application.main} starts the
 * server itself for {@code serve} (or no arguments) without {@code -h}/{@code --help}/{@code -V}/{@code --version},
 * before any command line is parsed; the server's settings come from its configuration and environment variables.
 * (Named, not linked: this package stays below the entry point's.)
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the broker's HTTP server (the default without arguments).",
                "Settings come from application.yml and environment variables: BROKER_PORT, BROKER_DB_URL, "
                        + "BROKER_VAULT_ADDR, BROKER_ISSUER_URL, ... (see the README's Configuration).",
                "Micronaut's own -key=value arguments are passed through."})
public class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Micronaut's {@code -key=value} arguments; listed so that parsing them here is no error. */
    @Unmatched
    List<String> micronautArguments;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("credbroker: serve starts from the jar's main class: "
                + "java -jar broker.jar serve");
        return ExitCodes.BAD_INPUT;
    }
}
