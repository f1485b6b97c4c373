package dev.credbroker.workload;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** A bearer token that does not verify. The message names the failed check, never the token. */
public class InvalidWorkloadTokenException extends BrokerException {
    public InvalidWorkloadTokenException(String reason) {
        super(ErrorKind.UNAUTHENTICATED, reason);
    }

    public InvalidWorkloadTokenException(String reason, Throwable cause) {
        super(ErrorKind.UNAUTHENTICATED, reason, cause);
    }

    @Override
    public String code() {
        return "invalid-workload-token";
    }
}
