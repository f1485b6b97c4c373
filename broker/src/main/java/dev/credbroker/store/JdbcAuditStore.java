package dev.credbroker.store;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link AuditStore} on the broker's database, with the same transactions as {@link JdbcPhaseStore}. */
@Singleton
public class JdbcAuditStore implements AuditStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStore.class);

    private final TransactionOperations<Connection> transactions;
    private final AuditRepository events;
    private final AuditChainRepository chains;

    JdbcAuditStore(TransactionOperations<Connection> transactions, AuditRepository events,
                   AuditChainRepository chains) {
        this.transactions = transactions;
        this.events = events;
        this.chains = chains;
    }

    @Override
    public void ensureChain(String instanceId, String genesisHash) {
        try {
            guarded(() -> transactions.executeWrite(status -> {
                if (chains.findById(instanceId).isEmpty()) {
                    chains.save(new AuditChainRow(instanceId, 0, genesisHash));
                }
                return null;
            }));
        } catch (StoreUnavailableException e) {
            // Another process with the same instance id created it first, or the database is down: the first
            // append creates it if it is still missing.
            LOG.debug("audit chain {} not created at start", instanceId);
        }
    }

    @Override
    public AuditRow append(String instanceId, String genesisHash, Function<Head, AuditRow> link) {
        return guarded(() -> transactions.executeWrite(status -> {
            AuditChainRow head = chains.lockHead(instanceId).orElseGet(() ->
                    chains.save(new AuditChainRow(instanceId, 0, genesisHash)));
            AuditRow row = link.apply(new Head(head.seq(), head.hash()));
            checkLink(instanceId, head, row);
            AuditRow saved = events.save(row);
            chains.moveHead(instanceId, row.chainSeq(), row.hash());
            return saved;
        }));
    }

    /**
     * Only the chain's next link is stored: a row without its chain fields, or one that skips a place or names
     * another predecessor or instance, would sit in the table where {@code audit verify} can't vouch for it.
     */
    private static void checkLink(String instanceId, AuditChainRow head, AuditRow row) {
        boolean next = instanceId.equals(row.instanceId()) && row.chainSeq() != null
                && row.chainSeq() == head.seq() + 1 && head.hash().equals(row.prevHash())
                && row.hash() != null && row.hash().matches("[0-9a-f]{64}");
        if (!next) {
            throw new IllegalStateException("audit event " + row.eventId() + " is not the next link of chain "
                    + instanceId + " (at " + head.seq() + ")");
        }
    }

    @Override
    public boolean inTransaction() {
        return transactions.findTransactionStatus().isPresent();
    }

    @Override
    public void afterCommit(Runnable action) {
        transactions.findTransactionStatus().ifPresentOrElse(status ->
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                }), action);
    }

    /** As {@link JdbcPhaseStore}: one WARN line with the cause's class and SQL state, never its message. */
    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String state = root instanceof SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "";
            LOG.warn("database: could not record an audit event: {}{}", root.getClass().getName(), state);
            throw new StoreUnavailableException("could not record an audit event", e);
        }
    }
}
