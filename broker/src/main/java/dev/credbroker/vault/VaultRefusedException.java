package dev.credbroker.vault;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** Vault refused the login or a read (400/403 from Vault). Detail is for the audit log only. */
public class VaultRefusedException extends BrokerException {
    public VaultRefusedException(String message) {
        super(ErrorKind.FORBIDDEN, message);
    }

    public VaultRefusedException(String message, Throwable cause) {
        super(ErrorKind.FORBIDDEN, message, cause);
    }

    @Override
    public String code() {
        return "vault-refused";
    }
}
