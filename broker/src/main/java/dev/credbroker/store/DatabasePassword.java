package dev.credbroker.store;

import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database password: {@code BROKER_DB_PASSWORD}, or the first line of {@code BROKER_DB_PASSWORD_FILE} (a
 * Docker or Kubernetes secret, so the password is in no environment listing), never both. Messages name the
 * property and the file, never the password.
 */
public final class DatabasePassword {
    /** Environment: {@code BROKER_DB_PASSWORD_FILE}. */
    public static final String FILE_PROPERTY = "broker.db.password-file";

    private DatabasePassword() {
    }

    /**
     * @param inline the password configured directly; null or empty when none
     * @param file   the password file's path; null or blank when none
     * @return the file's first line when a file is named, else {@code inline}
     * @throws ConfigurationException when both are set, or the file can't be read or holds nothing
     */
    public static String resolve(String inline, String file) {
        if (file == null || file.isBlank()) {
            return inline;
        }
        if (inline != null && !inline.isEmpty()) {
            throw new ConfigurationException("the database password is set twice: BROKER_DB_PASSWORD and "
                    + "BROKER_DB_PASSWORD_FILE (" + FILE_PROPERTY + "); keep one");
        }
        Path path = Path.of(file.strip());
        String first;
        try {
            first = Files.readAllLines(path, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the database password file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (first.isEmpty()) {
            throw new ConfigurationException("the database password file " + path + " is empty");
        }
        return first;
    }
}
