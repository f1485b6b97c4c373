package dev.credbroker.demo;

import dev.credbroker.cli.phase.BrokerClient;
import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.TokenMinter;
import dev.credbroker.vaultsim.VaultSim;
import dev.credbroker.vaultsim.setup.DemoWorkspace;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The README's demo, start to end in one process: vault-sim configured as terraform/ would configure a
 * Vault, the broker on its embedded defaults (H2 file database, its own issuer) trusting it, and one plan
 * phase for AWS, Azure and GCP opened, checked against the fake clouds, heartbeated, closed, and every lease
 * shown revoked. Secret values are never printed, not even in part: only their kind and length.
 */
public final class DemoRun {
    private final PrintWriter out;
    private final Path dataDir;
    private boolean allGood = true;

    public DemoRun(PrintWriter out, Path dataDir) {
        this.out = out;
        this.dataDir = dataDir;
    }

    /** @return true when every lease was shown revoked and every check held */
    public boolean run() throws IOException {
        int port = freePort();
        try (LocalStack stack = LocalStack.start(dataDir, "http://127.0.0.1:" + port, port, 0, this::step)) {
            VaultSim sim = stack.sim;
            String runId = "run-demo" + UUID.randomUUID().toString().substring(0, 8);
            String token = stack.context().getBean(TokenMinter.class).mint(new MintRequest(runId,
                    DemoWorkspace.DEFAULT.organization(), DemoWorkspace.DEFAULT.project(),
                    DemoWorkspace.DEFAULT.workspace(), null, null, null, "plan", "vault.workload.identity", 1800L,
                    "hcp")).token();
            step("workload token minted for " + runId + " (plan), " + DemoWorkspace.DEFAULT.subjectFor("plan"));

            BrokerClient broker = new BrokerClient(URI.create(stack.server.getURL().toString()), token,
                    Duration.ofSeconds(30), null);
            Map<String, Object> opened = broker.open(stack.vault.workspaceVariables());
            String phaseId = (String) opened.get("phase_id");
            step("phase " + phaseId + " opened; credentials handed out:");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> credentials = (List<Map<String, Object>>) opened.get("credentials");
            for (Map<String, Object> credential : credentials) {
                describe(credential);
            }

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> leases = (List<Map<String, Object>>) broker.status(phaseId).get("leases");
            for (Map<String, Object> lease : leases) {
                check("lease " + lease.get("lease_id") + " live in Vault", sim.leaseExists((String) lease.get("lease_id")));
            }
            int live = sim.cloud().liveCount(sim.clock().instant());
            check(live + " credentials accepted by the fake AWS, Azure and GCP", live == credentials.size());

            Map<String, Object> beat = broker.heartbeat(phaseId);
            step("heartbeat: next one due by " + beat.get("heartbeat_by"));

            broker.close(phaseId);
            step("phase closed (204 only after Vault confirmed the revocation):");
            for (Map<String, Object> lease : leases) {
                check("lease " + lease.get("lease_id") + " revoked", !sim.leaseExists((String) lease.get("lease_id")));
            }
            check("no credential left live in the fake clouds", sim.cloud().liveCount(sim.clock().instant()) == 0);
            Map<String, Object> status = broker.status(phaseId);
            check("phase state is revoked", "revoked".equals(status.get("state")));
            step("Vault's audit log (HMAC'd, run id in clear): " + dataDir.resolve("demo-vault-audit.log"));
        }
        out.println(allGood ? "demo: OK, every lease revoked" : "demo: FAILED, see the lines marked FAIL");
        out.flush();
        return allGood;
    }

    @SuppressWarnings("unchecked")
    private void describe(Map<String, Object> credential) {
        Map<String, String> env = (Map<String, String>) credential.getOrDefault("env", Map.of());
        Map<String, String> files = (Map<String, String>) credential.getOrDefault("files", Map.of());
        out.println("    " + credential.get("provider") + (String.valueOf(credential.get("tag")).isEmpty() ? ""
                : "[" + credential.get("tag") + "]") + ", expires " + credential.get("expires_at")
                + ", revocable " + credential.get("revocable"));
        env.forEach((name, value) -> out.println("      env  " + name + "=" + masked(name, value)));
        files.forEach((name, value) -> out.println("      file " + name + " (" + value.length() + " bytes)"));
    }

    /**
     * Names, kinds and lengths only: not even a prefix of a value, since a prefix of a key is part of the key and
     * terminals, CI logs and screen shares keep what a demo prints.
     */
    static String masked(String name, String value) {
        if (name.endsWith("_FILE") || name.equals("VAULT_ADDR") || name.equals("VAULT_NAMESPACE")) {
            return value;
        }
        return "<" + kind(name, value) + ", " + value.length() + " chars>";
    }

    private static String kind(String name, String value) {
        if (value.startsWith("{")) {
            return "JSON key file";
        }
        if (name.contains("TOKEN")) {
            return "token";
        }
        if (name.contains("SECRET") || name.contains("PASSWORD")) {
            return "secret";
        }
        if (name.endsWith("_ID")) {
            return "identifier";
        }
        return "value";
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }

    private void check(String what, boolean ok) {
        allGood &= ok;
        out.println("    " + (ok ? "ok   " : "FAIL ") + what);
        out.flush();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
