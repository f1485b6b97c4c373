package dev.credbroker.audit;

import dev.credbroker.store.AuditChainRow;
import dev.credbroker.store.AuditRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks every instance's chain from its first event: places in order with none missing, each event linked to
 * the one before, each hash matching the stored text, the searchable columns matching the hashed text, and the
 * chain ending where its head row says. Per chain, the first link that fails is named; what follows it is not
 * trusted, so it is not checked.
 *
 * <p>The {@code at} column is not compared with the event's {@code time}: it is a TIMESTAMP without zone, read
 * back in the reader's zone. The hashed {@code time} is the one to trust.
 */
public final class ChainVerifier {

    /** The first failing link of one chain. */
    public record BrokenLink(String instanceId, long seq, Long rowId, String eventId, String problem) {
        @Override
        public String toString() {
            return "chain " + instanceId + " seq " + seq + (rowId == null ? "" : " (row " + rowId + ", event "
                    + eventId + ")") + ": " + problem;
        }
    }

    /** What was checked, and the first broken link of each chain that has one. */
    public record Result(int chains, long events, List<BrokenLink> broken, List<AuditChainRow> heads) {
        public boolean intact() {
            return broken.isEmpty();
        }
    }

    private ChainVerifier() {
    }

    /**
     * @param chained every chained row, grouped by instance and in chain order
     * @param parse   the JSON text of an event as a map (nested objects as maps)
     */
    public static Result verify(List<AuditRow> chained, List<AuditChainRow> heads,
                                Function<String, Map<String, Object>> parse) {
        Map<String, List<AuditRow>> byChain = new LinkedHashMap<>();
        chained.forEach(r -> byChain.computeIfAbsent(r.instanceId(), k -> new ArrayList<>()).add(r));
        Map<String, AuditChainRow> headOf = new LinkedHashMap<>();
        heads.forEach(h -> headOf.put(h.instanceId(), h));
        List<BrokenLink> broken = new ArrayList<>();
        byChain.forEach((instance, rows) -> {
            BrokenLink first = check(instance, rows, headOf.get(instance), parse);
            if (first != null) {
                broken.add(first);
            }
        });
        headOf.values().stream().filter(h -> h.seq() > 0 && !byChain.containsKey(h.instanceId()))
                .forEach(h -> broken.add(new BrokenLink(h.instanceId(), 1, null, null,
                        "the head says " + h.seq() + " events, none is stored: the whole chain was deleted")));
        return new Result(byChain.size(), chained.size(), broken, heads);
    }

    private static BrokenLink check(String instance, List<AuditRow> rows, AuditChainRow head,
                                    Function<String, Map<String, Object>> parse) {
        String previous = ChainHash.GENESIS;
        long expected = 1;
        for (AuditRow row : rows) {
            if (row.chainSeq() != expected) {
                return broken(instance, expected, row, "event " + expected + " is missing (the next stored is "
                        + row.chainSeq() + ")");
            }
            if (!previous.equals(row.prevHash())) {
                return broken(instance, expected, row, "prev_hash is not the hash of event " + (expected - 1));
            }
            if (!ChainHash.link(previous, row.detail()).equals(row.hash())) {
                return broken(instance, expected, row, "the stored event does not match its hash (altered)");
            }
            String column = mismatchedColumn(row, parse);
            if (column != null) {
                return broken(instance, expected, row, "column " + column + " differs from the hashed event");
            }
            previous = row.hash();
            expected++;
        }
        long last = expected - 1;
        if (head == null) {
            return new BrokenLink(instance, last, null, null, "the chain has no head row");
        }
        if (head.seq() != last || !head.hash().equals(previous)) {
            return new BrokenLink(instance, last + 1, null, null, "the head says the chain ends at event "
                    + head.seq() + " but the stored chain ends at " + last + " (events cut off its end)");
        }
        return null;
    }

    /** The searchable columns must say what the hashed text says, else a query finds the wrong events. */
    @SuppressWarnings("unchecked")
    private static String mismatchedColumn(AuditRow row, Function<String, Map<String, Object>> parse) {
        Map<String, Object> event;
        try {
            event = parse.apply(row.detail());
        } catch (RuntimeException e) {
            return "detail (not JSON)";
        }
        Map<String, Object> actor = event.get("actor") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (!Objects.equals(event.get("kind"), row.event())) {
            return "event";
        }
        if (!Objects.equals(event.get("event_id"), row.eventId())) {
            return "event_id";
        }
        if (!Objects.equals(event.get("instance"), row.instanceId())) {
            return "instance_id";
        }
        if (!Objects.equals(event.get("phase_id"), row.sessionId())) {
            return "session_id";
        }
        if (!Objects.equals(actor.get("run_id"), row.runId())) {
            return "run_id";
        }
        if (!Objects.equals(actor.get("workspace"), row.workspace())) {
            return "workspace";
        }
        return null;
    }

    private static BrokenLink broken(String instance, long seq, AuditRow row, String problem) {
        return new BrokenLink(instance, seq, row.id(), row.eventId(), problem);
    }
}
