package dev.credbroker.issuer;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** A mint request without, or with a wrong, orchestrator credential. Says which, never echoes it. */
public class OrchestratorUnauthenticatedException extends BrokerException {
    public OrchestratorUnauthenticatedException(String reason) {
        super(ErrorKind.UNAUTHENTICATED, reason);
    }

    @Override
    public String code() {
        return "orchestrator-unauthenticated";
    }
}
