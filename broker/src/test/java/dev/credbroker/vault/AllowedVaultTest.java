package dev.credbroker.vault;

import dev.credbroker.variables.VaultConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow-list check an open makes once per Vault configuration, and what a login then trusts. */
class AllowedVaultTest {
    @TempDir
    Path dir;

    private static VaultTarget target(String address) {
        VaultTarget target = new VaultTarget("main");
        target.setAddress(address);
        target.setAllowedNamespaces(List.of("team-a"));
        return target;
    }

    private static VaultConfig config(String tag, String address, Optional<String> namespace,
                                      Optional<String> encodedCaCert) {
        return new VaultConfig(tag, URI.create(address), namespace, VaultConfig.DEFAULT_AUTH_PATH, "plan",
                VaultConfig.DEFAULT_AUDIENCE, encodedCaCert, VaultConfig.DEFAULT_CLIENT_TIMEOUT);
    }

    @Test
    void aConfiguredAddressYieldsItsTargetWhateverTheDefaultPortsSpelling() {
        VaultTarget target = target("https://vault.example.com");
        AllowedVault allowed = new VaultTargets(List.of(target)).check(
                config("", "https://VAULT.example.com:443", Optional.of("team-a"), Optional.empty()));
        assertSame(target, allowed.target());
        assertEquals(URI.create("https://VAULT.example.com:443"), allowed.config().address());
    }

    @Test
    void anAddressNamespaceOrAuthPathNotConfiguredIsRefusedNamingTheVariable() {
        VaultTargets targets = new VaultTargets(List.of(target("https://vault.example.com")));
        VaultTargetNotAllowedException address = assertThrows(VaultTargetNotAllowedException.class, () ->
                targets.check(config("prod", "https://vault.example.com:8200", Optional.empty(), Optional.empty())));
        assertTrue(address.getMessage().startsWith("TFC_VAULT_ADDR_prod "), address.getMessage());
        VaultTargetNotAllowedException namespace = assertThrows(VaultTargetNotAllowedException.class, () ->
                targets.check(config("", "https://vault.example.com", Optional.of("team-b"), Optional.empty())));
        assertTrue(namespace.getMessage().startsWith("TFC_VAULT_NAMESPACE "), namespace.getMessage());
        VaultConfig otherAuthPath = new VaultConfig("", URI.create("https://vault.example.com"), Optional.empty(),
                "oidc", "plan", VaultConfig.DEFAULT_AUDIENCE, Optional.empty(), Duration.ofSeconds(60));
        VaultTargetNotAllowedException authPath = assertThrows(VaultTargetNotAllowedException.class, () ->
                targets.check(otherAuthPath));
        assertTrue(authPath.getMessage().startsWith("TFC_VAULT_AUTH_PATH "), authPath.getMessage());
    }

    @Test
    void theWorkspacesCaCertWinsOverTheTargetsCaFile() throws IOException {
        VaultTarget target = target("https://vault.example.com");
        Path caFile = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        target.setCaCertFile(caFile.toString());
        VaultTargets targets = new VaultTargets(List.of(target));
        String targets64 = Base64.getEncoder().encodeToString(Files.readString(caFile).getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.of(targets64), targets.check(config("", "https://vault.example.com", Optional.empty(),
                Optional.empty())).caCert());
        assertEquals(Optional.of("d29ya3NwYWNl"), targets.check(config("", "https://vault.example.com",
                Optional.empty(), Optional.of("d29ya3NwYWNl"))).caCert());
    }
}
