package dev.credbroker.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code BROKER_DB_PASSWORD_FILE}: the broker reaches a database whose password is only in a file (as a Docker
 * secret gives it), refuses a wrong one, and refuses the password set both ways. No message quotes it.
 */
class DatabasePasswordFileTest {
    private static final String PASSWORD = "pw-from-a-docker-secret-7c1e";

    @TempDir
    Path dir;
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void createDatabaseWithAPassword() throws Exception {
        // H2 gives a database the credentials of its first connection
        url = "jdbc:h2:mem:pwfile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        keepAlive = DriverManager.getConnection(url, "sa", PASSWORD);
    }

    @AfterEach
    void drop() throws Exception {
        keepAlive.createStatement().execute("SHUTDOWN");
        keepAlive.close();
    }

    @Test
    void thePasswordComesFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        try (ApplicationContext ctx = start(Map.of(DatabasePassword.FILE_PROPERTY, file.toString()));
             ResultSet migrated = keepAlive.createStatement()
                     .executeQuery("select count(*) from flyway_schema_history where success")) {
            assertTrue(ctx.isRunning());
            assertTrue(migrated.next());
            assertTrue(migrated.getInt(1) > 0, "Flyway migrated through the pool built with the file's password");
        }
    }

    @Test
    void aWrongPasswordInTheFileIsRefusedByTheDatabase() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), "not-" + PASSWORD + "\n");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> start(Map.of(DatabasePassword.FILE_PROPERTY, file.toString())).close());
        assertTrue(messages(e).contains("28000"), "H2's wrong user name or password: " + messages(e));
        assertNoPassword(e, "not-" + PASSWORD);
    }

    @Test
    void thePasswordSetBothWaysStopsTheStart() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(Map.of(
                DatabasePassword.FILE_PROPERTY, file.toString(), "datasources.default.password", PASSWORD)).close());
        assertTrue(messages(e).contains("BROKER_DB_PASSWORD and BROKER_DB_PASSWORD_FILE"), messages(e));
        assertNoPassword(e, PASSWORD);
    }

    @Test
    void anEmptyOrMissingFileIsAConfigurationError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertTrue(assertThrows(ConfigurationException.class, () -> DatabasePassword.resolve("", empty.toString()))
                .getMessage().contains("is empty"));
        assertTrue(assertThrows(ConfigurationException.class,
                () -> DatabasePassword.resolve(null, dir.resolve("missing").toString())).getMessage()
                .contains("cannot read"));
        assertEquals("inline", DatabasePassword.resolve("inline", ""), "no file: the password as configured");
    }

    private ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("datasources.default.url", url);
        all.put("datasources.default.username", "sa");
        return ApplicationContext.run(all, Environment.TEST);
    }

    private static void assertNoPassword(Throwable e, String password) {
        assertFalse(messages(e).contains(password), "a message quotes the password: " + messages(e));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
