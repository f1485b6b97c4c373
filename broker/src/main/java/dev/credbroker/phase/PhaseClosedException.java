package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;
import dev.credbroker.store.PhaseState;

/**
 * A heartbeat for a phase that is closing or closed: it can't be renewed or reopened (invariant 3,
 * docs/INVARIANTS.md).
 */
public class PhaseClosedException extends BrokerException {
    public PhaseClosedException(String id, PhaseState state) {
        super(ErrorKind.CONFLICT, "phase " + id + " is " + state.name().toLowerCase(java.util.Locale.ROOT)
                + " and can't be renewed");
    }

    @Override
    public String code() {
        return "phase-closed";
    }
}
