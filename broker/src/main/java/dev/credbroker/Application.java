package dev.credbroker;

import dev.credbroker.cli.CredbrokerCommand;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.logging.BrokerLogEncoder;
import dev.credbroker.workload.TrustedIssuerEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;
import java.util.Set;

/**
 * One jar, two modes: no arguments or {@code serve} starts the HTTP server; anything else runs the
 * {@code credbroker} command line ({@link CredbrokerCommand}) and exits with the command's code. The server also
 * reads trusted issuers from {@code BROKER_TRUSTED_ISSUER_*} variables ({@link TrustedIssuerEnvironment}).
 *
 * <p>The command line starts no application context of its own: {@code --help}, {@code --version} (also
 * {@code serve --help}) and the runner's {@code phase} commands run on picocli and the JDK alone, so they are
 * quick and leave nothing behind. Only {@code mint-token} and {@code rotate-keys} start one (the {@code cli}
 * environment: no HTTP server, no scheduled jobs, no database of the server's).
 */
public final class Application {
    private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            if (Arrays.stream(rest).noneMatch(HELP_OR_VERSION::contains)) {
                PropertySource issuers;
                try {
                    issuers = TrustedIssuerEnvironment.propertySource(System.getenv());
                } catch (ConfigurationException e) {
                    System.err.println("credbroker: " + e.getMessage());
                    System.exit(ExitCodes.BAD_INPUT);
                    return;
                }
                // Micronaut's banner is not a log line: printed to stdout, it would break one-JSON-object-per-line
                Micronaut.build(rest).mainClass(Application.class).propertySources(issuers)
                        .banner(!BrokerLogEncoder.jsonRequested()).start();
                return;
            }
        }
        // before the first logger exists: logs go to stderr, stdout carries the command's output only
        System.setProperty("BROKER_LOG_TARGET", "System.err");
        int code;
        try (CliContext contexts = CliContext.lazy(Application.class)) {
            code = CredbrokerCommand.execute(contexts, args);
        }
        System.exit(code);
    }
}
