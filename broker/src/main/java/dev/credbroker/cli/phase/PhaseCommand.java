package dev.credbroker.cli.phase;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code credbroker phase}: a runner sidecar's side of {@code /v1/phases}. Talks to a broker over HTTP with the
 * run's workload token; needs neither the database nor Vault.
 */
@Command(name = "phase", mixinStandardHelpOptions = true,
        description = "Open, heartbeat, inspect and close a run phase on a broker, from the runner's side.",
        subcommands = {
                PhaseOpenCommand.class,
                PhaseHeartbeatCommand.class,
                PhaseStatusCommand.class,
                PhaseCloseCommand.class,
        })
public class PhaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }
}
