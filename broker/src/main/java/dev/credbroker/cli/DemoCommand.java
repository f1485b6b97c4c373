package dev.credbroker.cli;

import dev.credbroker.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code credbroker demo}: the README's one-command demo on the embedded defaults. */
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
        boolean ok = new DemoRun(spec.commandLine().getOut(), dataDir).run();
        return ok ? 0 : CredbrokerCommand.EXIT_FAILURE;
    }
}
