package dev.credbroker.api;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/**
 * A phase id that is not a UUID: no phase has it. Same problem type as an unknown phase, and the value is not
 * quoted back (it may be anything a caller put in a URL).
 */
public class MalformedPhaseIdException extends BrokerException {
    public MalformedPhaseIdException() {
        super(ErrorKind.NOT_FOUND, "no phase has this id: phase ids are UUIDs as POST /v1/phases returns them");
    }

    @Override
    public String code() {
        return "phase-not-found";
    }
}
