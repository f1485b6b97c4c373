package dev.credbroker.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code credbroker audit}: reads the audit trail from the broker's database ({@code BROKER_DB_URL}, …, as the
 * server does). Unlike every other command it opens that database, read only, on a connection of its own.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify, show and export the broker's audit trail (reads the broker's database: BROKER_DB_URL, …).",
        subcommands = {
                AuditVerifyCommand.class,
                AuditShowCommand.class,
                AuditExportCommand.class,
                AuditCorrelateCommand.class,
        })
public class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.OK;
    }
}
