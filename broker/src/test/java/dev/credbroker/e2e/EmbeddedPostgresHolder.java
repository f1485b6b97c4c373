package dev.credbroker.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL (zonky's binaries) per test JVM, stopped when the JVM ends. */
final class EmbeddedPostgresHolder {
    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresHolder() {
    }

    static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data dir is temporary
                }
            }));
        }
        return postgres;
    }

    /** A fresh database on the shared server, so each test class starts empty. */
    static String newDatabaseUrl(String name) {
        EmbeddedPostgres pg = get();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", name);
    }
}
