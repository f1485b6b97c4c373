package dev.credbroker;

import dev.credbroker.cli.CredbrokerCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

/**
 * One jar, two modes: no arguments or {@code serve} starts the HTTP server; anything else runs the
 * {@code credbroker} command line ({@link CredbrokerCommand}) in an application context started with the
 * {@code cli} environment (no HTTP server, no scheduled jobs) and exits with the command's code.
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            Micronaut.run(Application.class, rest);
            return;
        }
        // before the first logger exists: logs go to stderr, stdout carries the command's output only
        System.setProperty("BROKER_LOG_TARGET", "System.err");
        int code;
        try (ApplicationContext ctx = ApplicationContext.builder(Application.class, Environment.CLI).start()) {
            code = CredbrokerCommand.execute(ctx, args);
        }
        System.exit(code);
    }
}
