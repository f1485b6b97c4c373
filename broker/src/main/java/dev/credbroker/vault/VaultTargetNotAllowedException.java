package dev.credbroker.vault;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** An address outside the configured Vault targets. Refused before any connection is made. */
public class VaultTargetNotAllowedException extends BrokerException {
    public VaultTargetNotAllowedException(String message) {
        super(ErrorKind.FORBIDDEN, message);
    }

    public VaultTargetNotAllowedException(String message, Throwable cause) {
        super(ErrorKind.FORBIDDEN, message, cause);
    }

    @Override
    public String code() {
        return "vault-target-not-allowed";
    }
}
