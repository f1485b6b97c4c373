package dev.credbroker.workload;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** A trusted issuer's keys cannot be fetched and none are cached: the broker cannot tell, so it refuses (503). */
public class JwksUnavailableException extends BrokerException {
    public JwksUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, message, cause);
    }

    @Override
    public String code() {
        return "jwks-unavailable";
    }
}
