package dev.credbroker.audit;

import dev.credbroker.audit.event.AuditEvent;
import dev.credbroker.audit.event.EventJson;
import dev.credbroker.store.AuditRow;
import dev.credbroker.store.AuditStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Who got what, when: each event is stored, chained, in the caller's transaction, and appended to the JSON-lines
 * sink once that transaction committed (an event rolled back with its state change never reaches the file).
 *
 * <p>Chain: one per broker instance, its head row locked ({@code SELECT … FOR UPDATE}) by the writing
 * transaction. Instances sharing PostgreSQL never wait on each other's audit writes; two transactions of one
 * instance take turns from their audit write to their commit, which callers keep short by writing the event
 * last. One chain across instances would serialise every phase transaction of every instance on one row.
 */
@Singleton
public class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditStore store;
    private final AuditSink sink;
    private final BrokerInstance instance;
    private final Clock clock;

    public AuditLog(AuditStore store, AuditSink sink, BrokerInstance instance, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Inside a transaction, a failure to store the event fails the transaction: the state change and its event
     * commit together or not at all. Outside one (a refusal, a renewal), it is logged and the caller goes on.
     */
    public void record(AuditEvent event) {
        // Milliseconds: what the text says and what the at column holds must be the same instant.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        String instanceId = instance.id();
        String detail = EventJson.render(event, eventId, at, instanceId);
        boolean inTransaction = store.inTransaction();
        AuditRow stored;
        try {
            stored = store.append(instanceId, ChainHash.GENESIS, head -> new AuditRow(null, event.phaseId(),
                    event.actor().runId(), at, event.kind(), detail, eventId, event.actor().workspace(), instanceId,
                    head.seq() + 1, head.hash(), ChainHash.link(head.hash(), detail)));
        } catch (RuntimeException e) {
            if (inTransaction) {
                throw e;
            }
            LOG.warn("audit: event {} {} of phase {} not stored", event.kind(), eventId, event.phaseId());
            return;
        }
        store.afterCommit(() -> {
            try {
                sink.write(ChainedLine.of(stored));
            } catch (RuntimeException e) {
                // After the commit: the caller's work is done and must not see this.
                LOG.warn("audit: event {} stored but not written to the audit file: {}", eventId,
                        e.getClass().getName());
            }
        });
    }
}
