package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.engine.SecretsEngine;
import dev.credbroker.vaultsim.engine.aws.AwsEngine;
import dev.credbroker.vaultsim.engine.azure.AzureEngine;
import dev.credbroker.vaultsim.engine.gcp.GcpEngine;

import java.util.Map;
import java.util.function.Supplier;

/** The secrets engine types {@code sys/mounts} can enable, like Vault's built-in plugin catalog. */
final class EngineCatalog {
    private EngineCatalog() {
    }

    static Map<String, Supplier<SecretsEngine>> builtIn() {
        return Map.of("aws", AwsEngine::new, "azure", AzureEngine::new, "gcp", GcpEngine::new);
    }
}
