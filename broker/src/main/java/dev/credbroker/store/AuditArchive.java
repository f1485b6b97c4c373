package dev.credbroker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored audit trail read back on a connection of the caller's own, for the {@code audit} commands: they
 * run outside the server and its pool, against whatever database {@code BROKER_DB_URL} names. Read only.
 */
public final class AuditArchive {
    private static final String COLUMNS = "id, session_id, run_id, at, event, detail, event_id, workspace, "
            + "instance_id, chain_seq, prev_hash, hash";

    private final Connection connection;

    public AuditArchive(Connection connection) {
        this.connection = connection;
    }

    /** Every chained event, chain after chain, each in chain order. */
    public List<AuditRow> chained() {
        return query("SELECT " + COLUMNS + " FROM audit_event WHERE instance_id IS NOT NULL "
                + "ORDER BY instance_id, chain_seq");
    }

    /** How many events were written before chaining began (V6), which no chain covers. */
    public long unchainedCount() {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COUNT(*) FROM audit_event WHERE instance_id IS NULL"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the audit trail", e);
        }
    }

    /** Every chain's head, by instance. */
    public List<AuditChainRow> heads() {
        List<AuditChainRow> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT instance_id, seq, hash FROM audit_chain ORDER BY instance_id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new AuditChainRow(r.getString(1), r.getLong(2), r.getString(3)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the audit chains", e);
        }
        return out;
    }

    /** A run's events, phase by phase, in time order; refusals (no phase) included. */
    public List<AuditRow> byRun(String runId) {
        return query("SELECT " + COLUMNS + " FROM audit_event WHERE run_id = ? ORDER BY at, id", runId);
    }

    /** Every event of every phase (and refusal) a workspace's tokens asked for, in time order. */
    public List<AuditRow> byWorkspace(String workspace) {
        return query("SELECT " + COLUMNS + " FROM audit_event WHERE workspace = ? OR session_id IN "
                + "(SELECT session_id FROM audit_event WHERE workspace = ? AND session_id IS NOT NULL) "
                + "ORDER BY at, id", workspace, workspace);
    }

    /** Every Vault token accessor the broker recorded, with its phase session: {@code [session_id, accessor]}. */
    public List<String[]> logins() {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT session_id, accessor FROM vault_login ORDER BY id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new String[]{r.getString(1), r.getString(2)});
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the recorded Vault tokens", e);
        }
        return out;
    }

    /** Every event at or after {@code since}, in time order. */
    public List<AuditRow> since(Instant since) {
        return query("SELECT " + COLUMNS + " FROM audit_event WHERE at >= ? ORDER BY at, id", since);
    }

    private List<AuditRow> query(String sql, Object... params) {
        List<AuditRow> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant at ? Timestamp.from(at) : params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Long seq = r.getObject(10) == null ? null : r.getLong(10);
                    out.add(new AuditRow(r.getLong(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            seq, r.getString(11), r.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the audit trail", e);
        }
        return out;
    }
}
