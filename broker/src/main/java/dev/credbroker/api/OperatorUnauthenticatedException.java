package dev.credbroker.api;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** A request for health details without, or with a wrong, operator credential. Never echoes what was sent. */
public class OperatorUnauthenticatedException extends BrokerException {
    public OperatorUnauthenticatedException() {
        super(ErrorKind.UNAUTHENTICATED, "health details need the operator credential (Authorization: Bearer)");
    }

    @Override
    public String code() {
        return "operator-unauthenticated";
    }
}
