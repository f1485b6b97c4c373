package dev.credbroker.vault;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The revocation identity's settings under their names ({@code revocation-*}, {@code BROKER_VAULT_REVOCATION_*}) and
 * under the ones they had before ({@code reaper-*}, {@code BROKER_VAULT_REAPER_*}), which deployments still set:
 * either works, and the new one wins where both are set.
 */
class RevocationIdentitySettingsTest {
    @TempDir
    Path dir;

    /** The token the identity of {@code target} (no namespace) revokes with, in a broker started as configured. */
    private String tokenOf(String target, Map<String, String> env, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("broker.issuer.key-dir", dir.resolve("keys").toString());
        props.put("broker.phases.reaper-initial-delay", "1h");
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.TEST)
                .propertySources(PropertySource.of("test-env", Map.copyOf(env),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(props).start()) {
            VaultTarget vaultTarget = ctx.getBean(VaultTarget.class, Qualifiers.byName(target));
            return ctx.getBean(RevocationIdentity.class).token(vaultTarget, Optional.empty()).orElse("<none>");
        }
    }

    private String file(String name, String token) throws IOException {
        return Files.writeString(dir.resolve(name), token + "\n").toString();
    }

    @Test
    void theStockTargetReadsBothEnvironmentVariableNamesTheNewOneFirst() throws IOException {
        String newFile = file("new", "s.new-name");
        String oldFile = file("old", "s.old-name");
        assertEquals("s.new-name", tokenOf("main", Map.of("BROKER_VAULT_REVOCATION_TOKEN_FILE", newFile), Map.of()));
        assertEquals("s.old-name", tokenOf("main", Map.of("BROKER_VAULT_REAPER_TOKEN_FILE", oldFile), Map.of()));
        assertEquals("s.new-name", tokenOf("main", Map.of("BROKER_VAULT_REVOCATION_TOKEN_FILE", newFile,
                "BROKER_VAULT_REAPER_TOKEN_FILE", oldFile), Map.of()));
        assertEquals("<none>", tokenOf("main", Map.of(), Map.of()));
    }

    @Test
    void aConfiguredTargetReadsBothKeyNamesTheNewOneFirst() throws IOException {
        String newFile = file("new", "s.new-key");
        String oldFile = file("old", "s.old-key");
        String prefix = "broker.vault.targets.other.";
        Map<String, Object> address = Map.of(prefix + "address", "https://vault.example.com");
        assertEquals("s.new-key", tokenOf("other", Map.of(), with(address, prefix + "revocation-token-file", newFile)));
        assertEquals("s.old-key", tokenOf("other", Map.of(), with(address, prefix + "reaper-token-file", oldFile)));
        assertEquals("s.new-key", tokenOf("other", Map.of(), with(with(address, prefix + "reaper-token-file", oldFile),
                prefix + "revocation-token-file", newFile)));
        assertEquals("inline-new", tokenOf("other", Map.of(), with(with(address, prefix + "reaper-token", "inline-old"),
                prefix + "revocation-token", "inline-new")));
        assertEquals("inline-old", tokenOf("other", Map.of(), with(address, prefix + "reaper-token", "inline-old")));
    }

    @Test
    void approleSettingsFallBackToTheOldKeysAndTheDefaultPath() {
        VaultTarget target = new VaultTarget("t");
        assertEquals("approle", target.getRevocationApprolePath());
        target.setReaperApprolePath("old-approle");
        target.setReaperApproleRoleIdFile("/old/role-id");
        target.setReaperApproleSecretIdFile("/old/secret-id");
        assertEquals("old-approle", target.getRevocationApprolePath());
        assertEquals(Optional.of("/old/role-id"), target.getRevocationApproleRoleIdFile());
        target.setRevocationApprolePath("new-approle");
        target.setRevocationApproleSecretIdFile("/new/secret-id");
        target.setRevocationApproleRoleIdFile(" ");
        assertEquals("new-approle", target.getRevocationApprolePath());
        assertEquals(Optional.of("/new/secret-id"), target.getRevocationApproleSecretIdFile());
        assertEquals(Optional.of("/old/role-id"), target.getRevocationApproleRoleIdFile(), "blank is unset");
    }

    @Test
    void aNamespacesIdentityReadsBothKeyNames() {
        NamespaceRevocationIdentity old = new NamespaceRevocationIdentity("team-a");
        old.setReaperTokenFile("/old/token");
        old.setReaperApprolePath("team-approle");
        assertEquals(Optional.of("/old/token"), old.getRevocationTokenFile());
        assertEquals("team-approle", old.getRevocationApprolePath());
        old.setRevocationTokenFile("/new/token");
        assertEquals(Optional.of("/new/token"), old.getRevocationTokenFile());
        assertEquals("approle", new NamespaceRevocationIdentity("b").getRevocationApprolePath());
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> out = new HashMap<>(map);
        out.put(key, value);
        return out;
    }
}
