package dev.credbroker.store;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** The database could not record or read what the broker must track. Nothing is handed out without it. */
public class StoreUnavailableException extends BrokerException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, message, cause);
    }

    @Override
    public String code() {
        return "store-unavailable";
    }
}
