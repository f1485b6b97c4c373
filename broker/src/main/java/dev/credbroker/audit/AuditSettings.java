package dev.credbroker.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code broker.audit.*}.
 *
 * @param logFile {@code BROKER_AUDIT_LOG_FILE}: the JSON-lines file every event is appended to once committed, for a
 *                log shipper to tail; empty turns the file off (the database keeps the trail)
 */
@ConfigurationProperties(AuditSettings.PREFIX)
public record AuditSettings(@Bindable(defaultValue = AuditSettings.DEFAULT_LOG_FILE) @Nullable String logFile) {
    public static final String PREFIX = "broker.audit";
    public static final String DEFAULT_LOG_FILE = "./data/credbroker-audit.jsonl";

    public AuditSettings {
        // an empty value may reach here as null: both mean "no file"
        logFile = logFile == null ? "" : logFile;
    }
}
