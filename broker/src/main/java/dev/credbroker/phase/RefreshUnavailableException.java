package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/**
 * Fresh credentials need the phase's Vault token, which only the instance that opened the phase holds, in memory
 * (invariant 4, docs/INVARIANTS.md): another instance, or this one after a restart, can't read for the phase.
 */
public class RefreshUnavailableException extends BrokerException {
    public RefreshUnavailableException(String id) {
        super(ErrorKind.CONFLICT, "phase " + id + " was opened by another broker instance or before a restart; "
                + "its credentials can't be refreshed here");
    }

    @Override
    public String code() {
        return "refresh-unavailable";
    }
}
