package dev.credbroker.vaultsim.contract;

import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/** The portable contract against vault-sim. */
class SimVaultContractTest extends VaultContractTest {
    private static VaultSim sim;

    @TempDir
    static Path auditDir;

    @BeforeAll
    static void start() {
        sim = VaultSim.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Override
    protected URI address() {
        return sim.address();
    }

    @Override
    protected String rootToken() {
        return sim.rootToken();
    }

    @Override
    protected Instant now() {
        return sim.clock().instant();
    }

    @Override
    protected String auditFilePath(String device) {
        return auditDir.resolve(device + ".log").toString();
    }
}
