package dev.credbroker.vaultsim.contract;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

import java.net.URI;
import java.time.Instant;

/**
 * The same contract against a real Vault dev server. Needs a Docker engine; without one the whole class is
 * reported as skipped, which is how this workplace (no Docker) runs it.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealVaultContractTest extends VaultContractTest {
    private static final String ROOT = "contract-root";

    @Container
    static final VaultContainer<?> VAULT = new VaultContainer<>("hashicorp/vault:1.17").withVaultToken(ROOT);

    @Override
    protected URI address() {
        return URI.create(VAULT.getHttpHostAddress());
    }

    @Override
    protected String rootToken() {
        return ROOT;
    }

    @Override
    protected Instant now() {
        return Instant.now();
    }

    @Override
    protected String auditFilePath(String device) {
        return "/tmp/" + device + ".log";
    }
}
