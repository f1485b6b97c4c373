package dev.credbroker.cli.phase;

import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code credbroker phase open}: {@code POST /v1/phases}, then the answer goes to disk, never to the terminal.
 * DIR gets the credential files, {@value PhaseDirectory#ENV_FILE}, {@value PhaseDirectory#TFVARS_FILE} (all
 * 0600) and {@value PhaseDirectory#PHASE_FILE} (no secrets). Stdout gets the phase id and the names of what was
 * written. If the answer cannot be written safely the phase is closed again at once, so its leases do not
 * outlive a credential nobody holds.
 */
@Command(name = "open", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open a phase and write its credentials into --out-dir (files 0600); print only names.")
public class PhaseOpenCommand extends PhaseSubcommand implements ContextCommand {

    /** How the summary on stdout looks; neither form carries a secret. */
    public enum Format {
        /** {@code CREDBROKER_PHASE_ID='…'} lines, for {@code eval}. */
        env,
        /** One JSON object. */
        json
    }

    @Option(names = "--variables-file", paramLabel = "FILE",
            description = "the workspace's TFC_* variables: a JSON object (*.json) or KEY=VALUE lines")
    Path variablesFile;

    @Option(names = "--var", paramLabel = "KEY=VALUE",
            description = "a TFC_* variable, repeatable; wins over --variables-file")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "where credentials go; created owner-only if missing")
    Path outDir;

    @Option(names = "--format", paramLabel = "env|json", defaultValue = "env",
            description = "summary on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--agent-env", paramLabel = "FILE",
            description = "also append NAME=value lines to FILE: the environment, and TF_VAR_<name>=<json> for HCP's "
                    + "tfc_*_dynamic_credentials variables (for a TFE / HCP Terraform agent hook: $TFC_AGENT_ENV)")
    Path agentEnv;

    @Option(names = "--aws-credential-process", paramLabel = "COMMAND",
            description = "how the AWS config file's credential_process starts this CLI, e.g. 'credbroker' "
                    + "(default: this JVM and jar)")
    String awsCredentialProcess;

    /** Read for the entry point only ({@code credential_process}); never started. */
    private CliContext context;

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    int run() {
        Map<String, String> variables = WorkspaceVariables.load(variablesFile, vars);
        BrokerClient client = client();
        PhaseDirectory dir = PhaseDirectory.create(outDir);

        Map<String, Object> opened = client.open(variables);
        String phaseId = opened.get("phase_id") instanceof String s ? s : null;
        if (phaseId == null) {
            throw PhaseCliException.failure("the broker's answer has no phase_id");
        }
        CredentialLayout layout;
        try {
            BrokerClient.checkPhaseId(phaseId, "the broker's answer");
            layout = CredentialLayout.of(opened.get("credentials"), name -> dir.resolve(name).toString());
            write(dir, opened, phaseId, layout);
            if (agentEnv != null) {
                appendAgentEnv(layout);
            }
        } catch (PhaseCliException | IOException e) {
            String why = e instanceof PhaseCliException ? e.getMessage()
                    : "cannot write to " + dir.path() + " (" + e.getClass().getSimpleName() + ")";
            throw PhaseCliException.failure(why + "; " + closeAfterFailure(client, phaseId));
        }
        printSummary(dir, phaseId, layout);
        return 0;
    }

    private void write(PhaseDirectory dir, Map<String, Object> opened, String phaseId, CredentialLayout layout)
            throws IOException {
        // the handle first: with it, 'phase close --out-dir DIR --wipe' can clean up whatever follows
        Map<String, Object> phase = new LinkedHashMap<>();
        for (String key : List.of("phase_id", "run_id", "phase", "expires_at", "heartbeat_by")) {
            phase.put(key, opened.get(key));
        }
        phase.put("files", writtenFiles(layout));
        if (!layout.aws.isEmpty()) {
            phase.put("aws", layout.aws);
            // how aws-credential-process reaches the broker for fresh credentials; no secret
            phase.put("refresh", broker.reachable());
        }
        dir.write(PhaseDirectory.PHASE_FILE, toJson(phase).getBytes(StandardCharsets.UTF_8));
        for (var file : layout.files.entrySet()) {
            dir.write(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        if (!layout.aws.isEmpty()) {
            String command = awsCredentialProcess != null ? awsCredentialProcess
                    : AwsCredentialProcessCommand.selfCommand(context.entryPoint());
            dir.write(AwsCredentialProcessCommand.CONFIG_FILE,
                    AwsCredentialProcessCommand.config(layout.aws, command, dir.path()).getBytes(StandardCharsets.UTF_8));
        }
        dir.write(PhaseDirectory.ENV_FILE, layout.envFile(phaseId).getBytes(StandardCharsets.UTF_8));
        dir.write(PhaseDirectory.TFVARS_FILE, toJson(layout.terraformVariables).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code NAME=value} lines, one per line and unquoted, as a TFE / HCP Terraform agent reads {@code $TFC_AGENT_ENV}:
     * a value with a line break cannot be written that way and fails the open (which then closes the phase).
     */
    private void appendAgentEnv(CredentialLayout layout) throws IOException {
        StringBuilder lines = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(layout.env);
        layout.terraformVariables.forEach((name, value) -> all.put("TF_VAR_" + name, toJson(value)));
        for (var e : all.entrySet()) {
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
                throw PhaseCliException.failure("--agent-env: " + e.getKey() + " has a line break and cannot be written");
            }
            lines.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        java.nio.file.Files.writeString(agentEnv, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.WRITE);
    }

    /** The credential files and, with AWS credentials, the AWS config file: what {@code close --wipe} deletes. */
    private static List<String> writtenFiles(CredentialLayout layout) {
        List<String> names = new ArrayList<>(layout.fileNames());
        if (!layout.aws.isEmpty()) {
            if (names.contains(AwsCredentialProcessCommand.CONFIG_FILE)) {
                throw PhaseCliException.failure("the broker handed out a file named " + AwsCredentialProcessCommand.CONFIG_FILE);
            }
            names.add(AwsCredentialProcessCommand.CONFIG_FILE);
        }
        return names;
    }

    private static String closeAfterFailure(BrokerClient client, String phaseId) {
        try {
            client.close(phaseId);
            return "phase " + phaseId + " closed again";
        } catch (PhaseCliException e) {
            return "closing phase " + phaseId + " failed too (" + e.getMessage() + ")";
        }
    }

    private void printSummary(PhaseDirectory dir, String phaseId, CredentialLayout layout) {
        List<String> written = new ArrayList<>(List.of(PhaseDirectory.PHASE_FILE, PhaseDirectory.ENV_FILE,
                PhaseDirectory.TFVARS_FILE));
        written.addAll(writtenFiles(layout));
        if (format == Format.json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("phase_id", phaseId);
            summary.put("out_dir", dir.path().toString());
            summary.put("files", written);
            summary.put("env", new ArrayList<>(layout.env.keySet()));
            summary.put("terraform_variables", new ArrayList<>(layout.terraformVariables.keySet()));
            out().println(toJson(summary));
        } else {
            line("CREDBROKER_PHASE_ID", phaseId);
            line("CREDBROKER_OUT_DIR", dir.path().toString());
            line("CREDBROKER_ENV_FILE", dir.path().resolve(PhaseDirectory.ENV_FILE).toString());
            line("CREDBROKER_TFVARS_FILE", dir.path().resolve(PhaseDirectory.TFVARS_FILE).toString());
            if (!layout.aws.isEmpty()) {
                line("CREDBROKER_AWS_CONFIG_FILE", dir.path().resolve(AwsCredentialProcessCommand.CONFIG_FILE).toString());
            }
            line("CREDBROKER_FILES", String.join(" ", written));
            line("CREDBROKER_ENV_NAMES", String.join(" ", layout.env.keySet()));
            line("CREDBROKER_TERRAFORM_VARIABLES", String.join(" ", layout.terraformVariables.keySet()));
        }
        out().flush();
    }

    private void line(String name, String value) {
        out().println(name + "=" + CredentialLayout.shellQuote(value));
    }
}
