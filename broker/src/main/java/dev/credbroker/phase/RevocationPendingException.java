package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** Vault did not confirm the revocation yet; the reaper keeps retrying with backoff until it does. */
public class RevocationPendingException extends BrokerException {
    public RevocationPendingException(String id) {
        super(ErrorKind.UNAVAILABLE, "phase " + id + " is closing: Vault has not confirmed the revocation yet; "
                + "the broker keeps retrying");
    }

    @Override
    public String code() {
        return "revocation-pending";
    }
}
