package dev.credbroker.demo;

import dev.credbroker.vaultsim.setup.DemoWorkspace;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code dev}: the demo's stack left running on fixed ports, and the commands that use it with the server's own
 * jar, printed so they can be copied as they are: mint a workload token with the broker's issuer keys, open a
 * plan phase for AWS, Azure and GCP, close it. The broker's issuer is {@code http://localhost:PORT}, the URL
 * {@code mint-token} puts in {@code iss} for that {@code BROKER_PORT}, so the token it mints is one the broker
 * and Vault trust. Nothing secret is printed or written here: the workspace file holds Vault's address and role
 * names only.
 */
final class DevRun implements AutoCloseable {
    static final String READY = "dev: ready. From this directory, in another terminal:";
    static final String STOP = "Ctrl-C stops the broker and vault-sim.";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private final LocalStack stack;

    private DevRun(LocalStack stack) {
        this.stack = stack;
    }

    static DevRun start(PrintWriter out, Path dataDir, int port, int vaultPort, String serverJar) throws IOException {
        LocalStack stack = LocalStack.start(dataDir, "http://localhost:" + port, port, vaultPort, text -> {
            out.println("• " + text);
            out.flush();
        });
        try {
            Path variables = dataDir.resolve("dev-workspace.env");
            Files.writeString(variables, stack.vault.workspaceVariables().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining()));
            out.println("• workspace variables for phase open (Vault address, roles; no secret): " + variables);
            if (!Files.isRegularFile(Path.of(serverJar))) {
                out.println("• " + serverJar + " is missing: build it first (mvn -B -DskipTests package)");
            }
            out.println();
            out.println(READY);
            out.println();
            for (String command : commands(dataDir, port, serverJar, variables)) {
                out.println("    " + command);
            }
            out.println();
            out.println(STOP);
            out.flush();
            return new DevRun(stack);
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Mint, open, close; every path as given, so relative ones hold from the directory {@code dev} runs in. */
    static List<String> commands(Path dataDir, int port, String serverJar, Path variables) {
        String jar = "java -jar " + quote(serverJar);
        String broker = "--broker http://localhost:" + port;
        String outDir = "--out-dir " + quote(dataDir.resolve("dev-phase").toString());
        DemoWorkspace ws = DemoWorkspace.DEFAULT;
        String mint = "BROKER_PORT=" + port
                + " BROKER_ISSUER_KEY_DIR=" + quote(dataDir.resolve("issuer-keys").toString()) + " " + jar + " mint-token --run-id run-dev --organization " + quote(ws.organization())
                + " --project " + quote(ws.project()) + " --workspace " + quote(ws.workspace())
                + " --phase plan --audience vault.workload.identity";
        return List.of(
                "export TFC_WORKLOAD_IDENTITY_TOKEN=\"$(" + mint + ")\"",
                jar + " phase open " + broker + " --variables-file " + quote(variables.toString()) + " " + outDir,
                jar + " phase close " + broker + " " + outDir + " --wipe");
    }

    private static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    LocalStack stack() {
        return stack;
    }

    @Override
    public void close() throws IOException {
        stack.close();
    }
}
