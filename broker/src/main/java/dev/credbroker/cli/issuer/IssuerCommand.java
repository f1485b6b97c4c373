package dev.credbroker.cli.issuer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code credbroker issuer}: operator commands about the broker's own OIDC issuer. */
@Command(name = "issuer", mixinStandardHelpOptions = true,
        description = "The broker's own issuer, for operators (e.g. its public keys for Vault's jwt_validation_pubkeys).",
        subcommands = {
                ExportPemCommand.class,
        })
public class IssuerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }
}
