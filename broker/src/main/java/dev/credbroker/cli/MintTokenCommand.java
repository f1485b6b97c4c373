package dev.credbroker.cli;

import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.issuer.InvalidMintRequestException;
import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.MintedToken;
import dev.credbroker.issuer.SubjectFormat;
import dev.credbroker.issuer.TokenMinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code credbroker mint-token}: mints a workload token with the local key directory, offline, through the
 * same {@link TokenMinter} as {@code POST /v1/issuer/tokens}, and prints it alone on stdout.
 */
@Command(name = "mint-token", mixinStandardHelpOptions = true,
        description = "Mint a workload identity token (HCP-shaped JWT) with the broker's own issuer keys and print it.")
public class MintTokenCommand implements Callable<Integer>, ContextCommand {

    @Spec
    CommandSpec spec;

    private CliContext context;

    @Option(names = "--run-id", description = "terraform_run_id, e.g. run-abc123")
    String runId;

    @Option(names = "--organization", description = "organization name")
    String organization;

    @Option(names = "--organization-id", description = "terraform_organization_id (optional)")
    String organizationId;

    @Option(names = "--project", description = "project name (not needed with --otf-sub)")
    String project;

    @Option(names = "--project-id", description = "terraform_project_id (optional)")
    String projectId;

    @Option(names = "--workspace", description = "workspace name")
    String workspace;

    @Option(names = "--workspace-id", description = "terraform_workspace_id (optional)")
    String workspaceId;

    @Option(names = "--phase", description = "plan or apply")
    String phase;

    @Option(names = "--audience", description = "aud, e.g. vault.workload.identity")
    String audience;

    @Option(names = "--ttl", description = "lifetime in seconds (default: broker.issuer.default-ttl)")
    Long ttlSeconds;

    @Option(names = "--otf-sub", description = "OTF's sub (organization:O:workspace:W:run_phase:X) instead of HCP's")
    boolean otfSub;

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<TokenMinter> minter = context.get().findBean(TokenMinter.class);
        if (minter.isEmpty()) {
            spec.commandLine().getErr().println("credbroker: the broker's issuer is disabled (broker.issuer.enabled=false)");
            return ExitCodes.FAILURE;
        }
        MintRequest request = new MintRequest(runId, organization, project, workspace, workspaceId, organizationId,
                projectId, phase, audience, ttlSeconds, (otfSub ? SubjectFormat.OTF : SubjectFormat.HCP).value());
        MintedToken minted;
        try {
            minted = minter.get().mint(request);
        } catch (InvalidMintRequestException e) {
            spec.commandLine().getErr().println("credbroker: " + optionFor(e.field()) + ": "
                    + e.getMessage().substring(e.field().length() + 2));
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().println(minted.token());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The option a wire field name comes from: {@code ttl_seconds} → {@code --ttl}, {@code run_id} → {@code --run-id}. */
    private static String optionFor(String field) {
        return switch (field) {
            case "ttl_seconds" -> "--ttl";
            case "subject_format" -> "--otf-sub";
            default -> "--" + field.replace('_', '-');
        };
    }
}
