package dev.credbroker.audit;

import dev.credbroker.store.AuditRow;

/**
 * A stored event as one line of JSON for a file or a SIEM: the event's own text with its place in the chain
 * appended as a last key, {@code "chain":{"seq","prev_hash","hash"}}, so a reader can check the chain too. Events
 * stored before chaining began are written as they were stored.
 */
public final class ChainedLine {
    private ChainedLine() {
    }

    public static String of(AuditRow row) {
        String detail = row.detail();
        if (row.hash() == null || !detail.endsWith("}")) {
            return detail;
        }
        return detail.substring(0, detail.length() - 1) + ",\"chain\":{\"seq\":" + row.chainSeq()
                + ",\"prev_hash\":\"" + row.prevHash() + "\",\"hash\":\"" + row.hash() + "\"}}";
    }
}
