package dev.credbroker.demo;

import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import dev.credbroker.vaultsim.setup.DemoVaultSetup;
import dev.credbroker.vaultsim.setup.DemoWorkspace;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code demo} and {@code dev} run on: vault-sim, the broker on its embedded defaults (H2 file database,
 * its own issuer) with everything under one data directory, and the Vault configured for it as terraform/ would.
 * Started in the one order that works: vault-sim first (the broker is told its address), the broker and its
 * issuer next, Vault's JWT auth last, because vault-sim, like Vault, fetches the JWKS URL it is given when JWT
 * auth is configured.
 */
final class LocalStack implements AutoCloseable {
    /** The broker's default H2 options (application.yml) on a file under the data directory. */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64";

    final VaultSim sim;
    final EmbeddedServer server;
    final DemoVaultSetup.Configured vault;
    final String issuer;
    private final Path revocationFile;

    private LocalStack(VaultSim sim, EmbeddedServer server, DemoVaultSetup.Configured vault, String issuer,
            Path revocationFile) {
        this.sim = sim;
        this.server = server;
        this.vault = vault;
        this.issuer = issuer;
        this.revocationFile = revocationFile;
    }

    /**
     * @param issuer     the broker's issuer URL, which Vault fetches keys from: it must reach {@code brokerPort}
     * @param vaultPort  {@code 0} for a free one
     * @param progress   told each step as it is done
     */
    static LocalStack start(Path dataDir, String issuer, int brokerPort, int vaultPort, Progress progress)
            throws IOException {
        Files.createDirectories(dataDir);
        Path revocationFile = dataDir.resolve("demo-revocation-token");
        VaultSim sim = VaultSim.builder().clock(SimClock.ticking()).build().listen(vaultPort);
        EmbeddedServer server = null;
        try {
            progress.step("vault-sim listening on " + sim.address());
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", brokerPort);
            props.put("datasources.default.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("credbroker")
                    + H2_OPTIONS);
            props.put("broker.audit.log-file", dataDir.resolve("credbroker-audit.jsonl").toString());
            props.put("broker.issuer.url", issuer);
            props.put("broker.issuer.key-dir", dataDir.resolve("issuer-keys").toString());
            props.put("broker.vault.targets.demo.address", sim.address().toString());
            props.put("broker.vault.targets.demo.revocation-token-file", revocationFile.toString());
            server = ApplicationContext.run(EmbeddedServer.class, props);
            progress.step("broker listening on " + server.getURL() + " (H2 file database in " + dataDir + ")");

            DemoVaultSetup.Configured vault = new DemoVaultSetup(sim.address(), sim.rootToken())
                    .configure(issuer, issuer + "/.well-known/jwks", DemoWorkspace.DEFAULT,
                            dataDir.resolve("demo-vault-audit.log").toString());
            Files.deleteIfExists(revocationFile);
            Files.createFile(revocationFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(revocationFile, vault.revocationToken());
            progress.step("Vault configured: JWT auth trusting " + issuer + ", roles demo-plan/demo-apply, "
                    + "aws/azure/gcp engines, file audit device, revocation identity token for the broker");
            return new LocalStack(sim, server, vault, issuer, revocationFile);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            sim.close();
            Files.deleteIfExists(revocationFile);
            throw e;
        }
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The broker first, so that nothing of it is still calling Vault when vault-sim goes. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            sim.close();
            Files.deleteIfExists(revocationFile);
        }
    }

    /** Where a step's line goes. */
    interface Progress {
        void step(String text);
    }
}
