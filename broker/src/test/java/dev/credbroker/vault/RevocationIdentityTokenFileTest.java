package dev.credbroker.vault;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The revocation identity's token file is read once, and again only when it changed on disk or after Vault refused its token
 * (403): a revocation costs no file read, yet a rotated token is picked up without a restart.
 */
class RevocationIdentityTokenFileTest {
    @TempDir
    Path dir;

    private final RevocationIdentity identity = new RevocationIdentity(new VaultHttpClient(JsonMapper.createDefault()),
            Clock.systemUTC());

    private VaultTarget target(Path file) {
        VaultTarget target = new VaultTarget("main");
        target.setAddress("http://127.0.0.1:8200");
        target.setRevocationTokenFile(file.toString());
        return target;
    }

    /** Writes the file and gives it a fixed modification time, so only the content says whether it was read. */
    private static void write(Path file, String token, long modifiedSeconds) throws IOException {
        Files.writeString(file, token + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedSeconds * 1000));
    }

    @Test
    void theFileIsReadOnceThenOnlyWhenItChangesOrVaultRefusedTheToken() throws IOException {
        Path file = dir.resolve("reaper-token");
        VaultTarget target = target(file);
        write(file, "first", 1_000_000);
        assertEquals("first", identity.token(target, Optional.empty()).orElseThrow());

        write(file, "edited-in-place", 1_000_000);
        assertEquals("first", identity.token(target, Optional.empty()).orElseThrow(), "not read again: unchanged on disk");

        identity.forget(target, Optional.empty());
        assertEquals("edited-in-place", identity.token(target, Optional.empty()).orElseThrow(), "read again after a 403");

        write(file, "rotated", 2_000_000);
        assertEquals("rotated", identity.token(target, Optional.empty()).orElseThrow(), "read again once it changed");
    }
}
