package dev.credbroker.audit;

import dev.credbroker.store.AuditRow;
import dev.credbroker.store.SessionStore;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who got what, when: one event per step of a phase's life, written to the {@code audit_event} table and to
 * the {@code credbroker.audit} logger as one JSON line. Details hold run ids, accessors, lease ids, Vault's
 * reasons for refusals; callers must never put a token or a credential in them.
 */
@Singleton
public class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("credbroker.audit");
    /** The audit_event.detail column's size (V2 migration). */
    private static final int MAX_STORED = 65535;

    private final SessionStore store;
    private final JsonMapper json;
    private final Clock clock;

    public AuditLog(SessionStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Never fails the caller: an audit write that fails is logged, the phase goes on or is revoked anyway. */
    public void record(String event, String sessionId, String runId, Map<String, ?> detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("phase_id", sessionId);
        line.put("run_id", runId);
        line.putAll(detail);
        String text;
        try {
            text = json.writeValueAsString(line);
        } catch (IOException e) {
            text = "{\"event\":\"" + event + "\",\"phase_id\":\"" + sessionId + "\"}";
        }
        AUDIT.info(text);
        String stored = text.length() <= MAX_STORED ? text
                : "{\"event\":\"" + event + "\",\"truncated\":true,\"full_text\":\"see the credbroker.audit log\"}";
        try {
            store.audit(new AuditRow(null, sessionId, runId, clock.instant(), event, stored));
        } catch (RuntimeException e) {
            AUDIT.warn("{\"event\":\"audit.store-failed\",\"phase_id\":\"{}\",\"failed_event\":\"{}\"}", sessionId, event);
        }
    }
}
