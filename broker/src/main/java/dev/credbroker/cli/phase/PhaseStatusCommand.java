package dev.credbroker.cli.phase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code credbroker phase status}: {@code GET /v1/phases/{id}}, printed as JSON. The answer carries state,
 * deadlines, Vault token accessors and lease ids, which are not secrets, and no credential.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the phase's state, its Vault tokens (accessors) and leases as JSON.")
public class PhaseStatusCommand extends PhaseSubcommand {
    @Mixin
    PhaseTarget target;

    @Override
    int run() {
        String phaseId = target.phaseId();
        out().println(toJson(client().status(phaseId)));
        out().flush();
        return 0;
    }
}
