package dev.credbroker.demo;

import dev.credbroker.cli.phase.PhaseCliException;
import dev.credbroker.cli.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code demo}: the README's one-command demo on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run vault-sim and the broker on H2, open a plan phase for AWS, Azure and GCP, close it, "
                + "and show every lease revoked.")
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "where the H2 database, issuer keys and Vault audit log go",
            defaultValue = "./data")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        try {
            boolean ok = new DemoRun(spec.commandLine().getOut(), dataDir).run();
            return ok ? 0 : ExitCodes.FAILURE;
        } catch (PhaseCliException e) {
            // the broker refused a step: its problem line says which, and it is secret-free
            spec.commandLine().getErr().println("credbroker: demo: " + e.getMessage());
            return e.exitCode();
        }
    }
}
