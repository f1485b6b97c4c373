package dev.credbroker.audit;

/** Where audit lines go besides the database: one JSON object per line, apart from the application's logs. */
public interface AuditSink {
    /** @param line one JSON object, no newline in it */
    void write(String line);
}
