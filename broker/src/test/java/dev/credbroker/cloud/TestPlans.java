package dev.credbroker.cloud;

import dev.credbroker.variables.VaultConfig;
import dev.credbroker.vault.VaultSecret;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Fixtures for provider tests. */
public final class TestPlans {
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    public static final VaultConfig VAULT = new VaultConfig("", URI.create("https://vault.example.com:8200"),
            Optional.empty(), "jwt", "tfc-run", "vault.workload.identity", Optional.empty(), Duration.ofSeconds(60));

    private TestPlans() {
    }

    public static VaultSecret leased(Duration ttl, Map<String, Object> data) {
        return new VaultSecret("lease/" + ttl.toSeconds(), ttl, true, data);
    }

    public static VaultSecret unleased(Duration ttl, Map<String, Object> data) {
        return new VaultSecret("", ttl, false, data);
    }
}
