package dev.credbroker.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The same kills on PostgreSQL: the broker told of a fresh database through BROKER_DB_* as an operator would. */
class ProcessCrashPostgresTest extends ProcessCrashTest {
    private String url;

    @Override
    protected Map<String, String> databaseEnvironment() {
        url = EmbeddedPostgresHolder.newDatabaseUrl("process_crash");
        return Map.of("BROKER_DB_URL", url, "BROKER_DB_DRIVER", "org.postgresql.Driver",
                "BROKER_DB_USER", "postgres", "BROKER_DB_PASSWORD", "");
    }

    @Override
    protected Connection connect(Path workDir) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    @Override
    protected String name() {
        return "postgres";
    }
}
