package dev.credbroker.issuer;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** The issuer's keys cannot be loaded, generated or persisted. Names files and kids, never key material. */
public class IssuerKeyException extends BrokerException {
    public IssuerKeyException(String message) {
        super(ErrorKind.INTERNAL, message);
    }

    public IssuerKeyException(String message, Throwable cause) {
        super(ErrorKind.INTERNAL, message, cause);
    }

    @Override
    public String code() {
        return "issuer-keys";
    }
}
