package dev.credbroker.e2e;

import io.micronaut.context.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database several broker processes share, seen from outside them: the properties that point a broker at
 * a fresh PostgreSQL database, and queries an operator would run on it with a connection of their own.
 */
final class SharedDatabase {
    private SharedDatabase() {
    }

    /** A fresh database on the embedded PostgreSQL, as {@code datasources.default.*} for every broker on it. */
    static Map<String, Object> postgres(String name) {
        return Map.of(
                "datasources.default.url", EmbeddedPostgresHolder.newDatabaseUrl(name),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }

    /** How many {@code event}s the audit trail holds for one phase session. */
    static int auditEvents(BrokerHarness broker, String sessionId, String event) {
        try (Connection c = connect(broker.context.getEnvironment());
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*) FROM audit_event WHERE session_id = ? AND event = ?")) {
            s.setString(1, sessionId);
            s.setString(2, event);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many times a phase was taken to CLOSING: by its runner ({@code phase.closing}) or by a reaper
     * ({@code phase.reaped}), whichever won.
     */
    static int closingEvents(BrokerHarness broker, String sessionId) {
        return auditEvents(broker, sessionId, "phase.closing") + auditEvents(broker, sessionId, "phase.reaped");
    }

    /** A connection of our own, outside the broker's pool and transactions, to the database it is configured with. */
    static Connection connect(Environment env) throws SQLException {
        return DriverManager.getConnection(env.getProperty("datasources.default.url", String.class).orElseThrow(),
                env.getProperty("datasources.default.username", String.class).orElse(""),
                env.getProperty("datasources.default.password", String.class).orElse(""));
    }
}
