package dev.credbroker.e2e;

import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end harness (vault-sim plus a running broker, on H2 or on embedded PostgreSQL) opened up to code
 * outside this package, such as {@code dev.credbroker.bench}. It only delegates: the harness behaves exactly
 * as it does for {@link PhaseFlowTest}.
 */
public final class HarnessAccess implements AutoCloseable {
    private final BrokerHarness harness;

    private HarnessAccess(Map<String, Object> extraProperties) {
        this.harness = new BrokerHarness(extraProperties);
    }

    /** vault-sim plus a broker on a fresh in-memory H2, as {@link PhaseFlowTest} runs. */
    public static HarnessAccess onH2() {
        return new HarnessAccess(Map.of());
    }

    /** vault-sim plus a broker on a fresh database of this JVM's embedded PostgreSQL, as {@link PhaseFlowPostgresTest} runs. */
    public static HarnessAccess onPostgres(String databaseName) {
        return new HarnessAccess(SharedDatabase.postgres(databaseName));
    }

    public VaultSim sim() {
        return harness.sim;
    }

    public ApplicationContext context() {
        return harness.context;
    }

    public URI url() {
        return harness.url();
    }

    /** A fresh workload token for this phase ("plan" or "apply"), minted by the broker's own issuer. */
    public String token(String phase) {
        return harness.token(phase);
    }

    /** AWS iam_user, Azure and a GCP roleset key from the one Vault: one login, three reads, three leases. */
    public Map<String, String> awsAzureGcpVariables() {
        String address = harness.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        vars.putAll(Workspaces.azure(address));
        vars.putAll(Workspaces.gcp(address, "roleset/service_account_key", "keys"));
        return vars;
    }

    /** AWS iam_user and Azure only: one login, two reads, two leases, and no RSA key made inside vault-sim. */
    public Map<String, String> awsAzureVariables() {
        String address = harness.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        vars.putAll(Workspaces.azure(address));
        return vars;
    }

    /** A runner sidecar talking to this broker over its own HTTP client. */
    public Sidecar sidecar() {
        return new Sidecar(new Runner(harness.url()));
    }

    @Override
    public void close() {
        harness.close();
    }

    /** What the broker answered: status, phase id when there is one, and the parsed body. */
    public record Reply(int status, String phaseId, Map<String, Object> body) {
        static Reply of(Runner.Reply reply) {
            return new Reply(reply.status(), reply.phaseId(), reply.body());
        }

        /** The Vault lease ids of a phase, from a status reply. */
        @SuppressWarnings("unchecked")
        public List<String> leaseIds() {
            return ((List<Map<String, Object>>) body.getOrDefault("leases", List.of())).stream()
                    .map(l -> (String) l.get("lease_id")).toList();
        }
    }

    /** {@link Runner}'s open, heartbeat, status and close. */
    public static final class Sidecar {
        private final Runner runner;

        private Sidecar(Runner runner) {
            this.runner = runner;
        }

        public Reply open(String token, Map<String, String> variables) {
            return Reply.of(runner.open(token, variables));
        }

        public Reply heartbeat(String token, String phaseId) {
            return Reply.of(runner.heartbeat(token, phaseId));
        }

        public Reply status(String token, String phaseId) {
            return Reply.of(runner.status(token, phaseId));
        }

        public Reply close(String token, String phaseId) {
            return Reply.of(runner.close(token, phaseId));
        }
    }
}
