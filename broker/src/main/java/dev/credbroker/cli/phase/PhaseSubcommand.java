package dev.credbroker.cli.phase;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every {@code phase} subcommand shares: the broker options, JSON output, and the rule that a failure
 * is one line {@code credbroker: <message>} on stderr with exit code 2 (input, identity: the broker's 4xx) or
 * 1 (anything else).
 */
abstract class PhaseSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (PhaseCliException e) {
            err().println("credbroker: " + e.getMessage());
            err().flush();
            return e.exitCode();
        }
    }

    abstract int run();

    BrokerClient client() {
        return new BrokerClient(broker.brokerUrl(), broker.token(), broker.timeout, broker.tls());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    String toJson(Object value) {
        return Json.write(value);
    }
}
