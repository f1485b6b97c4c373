package dev.credbroker.vault;

import dev.credbroker.variables.VaultConfig;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list of Vault addresses (invariant 5, docs/INVARIANTS.md). Addresses compare by scheme, host and effective
 * port, so {@code https://vault:443} and {@code https://vault} are one target, and nothing else is reachable.
 */
@Singleton
public class VaultTargets {
    private final List<VaultTarget> targets;

    public VaultTargets(List<VaultTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    /** @throws VaultTargetNotAllowedException unless address, namespace and auth path are all configured */
    public AllowedVault check(VaultConfig config) {
        VaultTarget target = find(config.address()).orElseThrow(() -> new VaultTargetNotAllowedException(
                "TFC_VAULT_ADDR" + suffix(config) + " is not a configured Vault target"));
        if (config.namespace().isPresent() && !target.getAllowedNamespaces().contains(config.namespace().get())) {
            throw new VaultTargetNotAllowedException("TFC_VAULT_NAMESPACE" + suffix(config)
                    + " is not allowed for Vault target " + target.getName());
        }
        if (!target.getAllowedAuthPaths().contains(config.authPath())) {
            throw new VaultTargetNotAllowedException("TFC_VAULT_AUTH_PATH" + suffix(config)
                    + " is not allowed for Vault target " + target.getName());
        }
        return new AllowedVault(config, target);
    }

    public Optional<VaultTarget> find(URI address) {
        return targets.stream().filter(t -> t.getAddress() != null && same(t.getAddress(), address)).findFirst();
    }

    /** Reads a credential file when needed, so an operator can rotate it without a restart. */
    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credential file " + file, e);
        }
    }

    private static boolean same(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().toLowerCase(Locale.ROOT).equals(
                        b.getHost() == null ? null : b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String suffix(VaultConfig config) {
        return config.tag().isEmpty() ? "" : "_" + config.tag();
    }
}
