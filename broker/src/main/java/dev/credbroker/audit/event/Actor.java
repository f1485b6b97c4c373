package dev.credbroker.audit.event;

import dev.credbroker.store.PhaseRow;
import dev.credbroker.workload.RunIdentity;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * Whom an event concerns: a workload (the run phase its token proved, by issuer and {@code sub}) or the broker
 * itself (its issuer's keys). The workspace is known where the verified token is, not from a stored session.
 */
public record Actor(String type, @Nullable String issuer, @Nullable String subject, @Nullable String runId,
                    @Nullable String phase, @Nullable String workspace) implements JsonShaped {

    public static final Actor BROKER = new Actor("broker", null, null, null, null, null);

    public static Actor of(RunIdentity id) {
        return new Actor("workload", id.issuer(), id.subject(), id.runId(), id.phase().claimValue(), id.workspace());
    }

    public static Actor of(PhaseRow session) {
        return new Actor("workload", session.issuer(), session.subject(), session.runId(), session.phase(), null);
    }

    @Override
    public Map<String, Object> fields() {
        return Fields.of("type", type, "issuer", issuer, "sub", subject, "run_id", runId, "phase", phase,
                "workspace", workspace);
    }
}
