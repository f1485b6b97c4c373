package dev.credbroker.e2e;

import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.TokenMinter;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * vault-sim plus a running broker wired to it: the broker's own issuer signs workload tokens, vault-sim
 * trusts it through its JWKS URL, the revocation identity's token is in a file as an operator would provide it.
 */
final class BrokerHarness implements AutoCloseable {
    static final String ISSUER = "https://broker.e2e.test";

    final VaultSim sim;
    final ApplicationContext context;
    final EmbeddedServer server;
    final Path dir;
    final Path vaultAudit;
    /** This broker's JSON-lines audit file (one per broker: instances may share {@link #dir}). */
    final Path auditLog;

    private final boolean ownsSim;

    BrokerHarness(Map<String, Object> extraProperties) {
        this(VaultSim.builder().clock(SimClock.ticking()).build().listen(), true, newDir(), true, extraProperties);
    }

    /**
     * Another broker process on a Vault and a directory some harness or test already set up: same issuer keys
     * (so tokens minted by either verify on both), same reaper-token file, no Vault configuration of its own.
     * Closing it stops only this broker; the owner of {@code sim} closes it. Give it the same
     * {@code datasources.default.*} as its siblings and its own {@code broker.phases.instance-id}.
     */
    BrokerHarness(VaultSim sim, Path sharedDir, Map<String, Object> extraProperties) {
        this(sim, false, sharedDir, !Files.exists(sharedDir.resolve("reaper-token")), extraProperties);
    }

    private BrokerHarness(VaultSim sim, boolean ownsSim, Path dir, boolean configureVault,
                          Map<String, Object> extraProperties) {
        this.sim = sim;
        this.ownsSim = ownsSim;
        this.dir = dir;
        vaultAudit = dir.resolve("vault-audit.log");
        auditLog = dir.resolve("broker-audit-" + UUID.randomUUID() + ".jsonl");
        Path reaperFile = dir.resolve("reaper-token");
        Map<String, Object> props = new HashMap<>();
        props.put("broker.issuer.url", ISSUER);
        props.put("broker.issuer.key-dir", dir.resolve("keys").toString());
        props.put("broker.issuer.rotation-enabled", false);
        props.put("broker.vault.targets.sim.address", sim.address().toString());
        props.put("broker.vault.targets.sim.allowed-namespaces", "team-a");
        props.put("broker.vault.targets.sim.revocation-token-file", reaperFile.toString());
        props.put("broker.phases.reaper-initial-delay", "1h");
        props.put("micronaut.server.port", -1);
        props.put("broker.audit.log-file", auditLog.toString());
        props.putAll(extraProperties);
        props.put("test.mutable-clock", true);
        props.put("test.failing-store", true);
        server = ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST);
        context = server.getApplicationContext();
        if (configureVault) {
            String reaper = new E2eVault(sim).configure(ISSUER, server.getURL() + "/.well-known/jwks",
                    vaultAudit.toString());
            try {
                Files.writeString(reaperFile, reaper);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Path newDir() {
        try {
            return Files.createTempDirectory("credbroker-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create(server.getURL().toString());
    }

    /** A workload token as HCP mints it for this workspace and phase, with a fresh run id and jti. */
    String token(String phase) {
        return context.getBean(TokenMinter.class).mint(new MintRequest("run-" + UUID.randomUUID().toString()
                .substring(0, 12), "acme", "Default Project", "networking-prod", "ws-e2e", "org-e2e", "prj-e2e",
                phase, "vault.workload.identity", 1800L, "hcp")).token();
    }

    @Override
    public void close() {
        server.stop();
        context.close();
        if (ownsSim) {
            sim.close();
        }
    }
}
