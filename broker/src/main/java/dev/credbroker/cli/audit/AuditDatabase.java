package dev.credbroker.cli.audit;

import dev.credbroker.store.AuditArchive;
import dev.credbroker.store.DatabasePassword;
import dev.credbroker.store.StoreUnavailableException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The broker's database as the server would open it. The command line's own context points its datasource at
 * memory on purpose (no other command may touch the broker's state), so the keys the server's datasource is set
 * from are read here: {@code broker.db.url} and {@code broker.db.user}, whose one default is in application.yml
 * (an H2 file under ./data unless {@code BROKER_DB_URL} says otherwise), and the password from
 * {@code BROKER_DB_PASSWORD} or {@code BROKER_DB_PASSWORD_FILE}. An H2 file is locked
 * by a running broker; PostgreSQL can be read at any time.
 */
@Singleton
public class AuditDatabase {
    private final String url;
    private final String user;
    private final String password;
    private final String passwordFile;
    private final String driver;

    AuditDatabase(@Value("${broker.db.url}") String url,
                  @Value("${broker.db.user}") String user,
                  @Value("${broker.db.password:}") String password,
                  @Value("${" + DatabasePassword.FILE_PROPERTY + ":}") String passwordFile,
                  @Value("${broker.db.driver:}") String driver) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.passwordFile = passwordFile;
        this.driver = driver;
    }

    /** Work on a read-only connection, closed afterwards. */
    public <T> T read(java.util.function.Function<AuditArchive, T> work) {
        String password;
        try {
            password = DatabasePassword.resolve(this.password, passwordFile);
        } catch (ConfigurationException e) {
            // read here, not when the bean is made: the command line then shows the reason on its one line
            throw new StoreUnavailableException(e.getMessage(), e);
        }
        try {
            if (!driver.isBlank()) {
                Class.forName(driver);
            }
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                c.setReadOnly(true);
                return work.apply(new AuditArchive(c));
            }
        } catch (SQLException | ClassNotFoundException e) {
            // The URL may carry a password; the cause's class and SQL state say enough.
            String state = e instanceof SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "";
            throw new StoreUnavailableException("could not read the broker's database: "
                    + e.getClass().getSimpleName() + state, e);
        }
    }
}
