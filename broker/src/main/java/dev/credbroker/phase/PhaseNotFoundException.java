package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/**
 * No phase with this id was opened by the presented token. Whether another token's phase has this id is
 * not revealed.
 */
public class PhaseNotFoundException extends BrokerException {
    public PhaseNotFoundException(String id) {
        super(ErrorKind.NOT_FOUND, "no phase " + id + " for this workload token");
    }

    @Override
    public String code() {
        return "phase-not-found";
    }
}
