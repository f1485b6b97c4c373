package dev.credbroker.cli.audit;

import dev.credbroker.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit commands open the broker's database with BROKER_DB_PASSWORD_FILE as the server does. */
class AuditDatabasePasswordTest {
    private static final String PASSWORD = "audit-reader-secret-31f";

    @TempDir
    Path dir;
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void createDatabaseWithAPassword() throws Exception {
        url = "jdbc:h2:mem:auditpw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(url, "sa", PASSWORD);
    }

    @AfterEach
    void drop() throws Exception {
        keepAlive.createStatement().execute("SHUTDOWN");
        keepAlive.close();
    }

    @Test
    void readsWithThePasswordFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        assertEquals("read", new AuditDatabase(url, "sa", "", file.toString(), "org.h2.Driver").read(a -> "read"));

        Path wrong = Files.writeString(dir.resolve("wrong"), "x" + PASSWORD + "\n");
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> new AuditDatabase(url, "sa", "", wrong.toString(), "org.h2.Driver").read(a -> "read"));
        assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
    }

    @Test
    void aPasswordSetBothWaysIsOneLineNamingBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> new AuditDatabase(url, "sa", PASSWORD, file.toString(), "org.h2.Driver").read(a -> "read"));
        assertTrue(e.getMessage().contains("BROKER_DB_PASSWORD and BROKER_DB_PASSWORD_FILE"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains("\n"), e.getMessage());
    }
}
