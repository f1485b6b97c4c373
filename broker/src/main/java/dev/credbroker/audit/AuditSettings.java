package dev.credbroker.audit;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code broker.audit.*}. {@code log-file} ({@code BROKER_AUDIT_LOG_FILE}): the JSON-lines file every event is
 * appended to once committed, for a log shipper to tail; empty turns the file off (the database keeps the trail).
 */
@ConfigurationProperties(AuditSettings.PREFIX)
public class AuditSettings {
    public static final String PREFIX = "broker.audit";
    public static final String DEFAULT_LOG_FILE = "./data/credbroker-audit.jsonl";

    private String logFile = DEFAULT_LOG_FILE;

    public String getLogFile() {
        return logFile;
    }

    public void setLogFile(String logFile) {
        this.logFile = logFile == null ? "" : logFile;
    }
}
