package dev.credbroker.vault;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** Vault is unreachable, sealed, or failed (5xx, time-out). Nothing obtained in the attempt may be handed out. */
public class VaultUnavailableException extends BrokerException {
    public VaultUnavailableException(String message) {
        super(ErrorKind.UNAVAILABLE, message);
    }

    public VaultUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, message, cause);
    }

    @Override
    public String code() {
        return "vault-unavailable";
    }
}
