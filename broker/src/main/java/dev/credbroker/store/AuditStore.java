package dev.credbroker.store;

import java.util.function.Function;

/**
 * Where audit events are stored: one hash chain per broker instance. An append joins the caller's transaction
 * (or commits on its own when there is none), so an event commits with the state change it records, or not at
 * all, and costs no commit of its own inside a phase's transactions.
 */
public interface AuditStore {

    /** Where a chain stands: its last event's place and hash. */
    record Head(long seq, String hash) {
    }

    /** Creates the instance's chain if it has none yet, in a transaction of its own. */
    void ensureChain(String instanceId, String genesisHash);

    /**
     * Locks the instance's chain head until the transaction ends, lets {@code link} build the next row from it
     * (the row's chain_seq and hash become the new head), inserts the row and moves the head.
     */
    AuditRow append(String instanceId, String genesisHash, Function<Head, AuditRow> link);

    /** Whether the calling thread is inside a transaction an append would join. */
    boolean inTransaction();

    /** Runs {@code action} once the current transaction committed (never if it rolls back); now when there is none. */
    void afterCommit(Runnable action);
}
