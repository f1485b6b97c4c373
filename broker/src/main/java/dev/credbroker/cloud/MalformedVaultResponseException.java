package dev.credbroker.cloud;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/**
 * A secrets engine answered, but not with the fields its API promises (e.g. no {@code access_key}). A fault
 * between the broker and its Vault, not the caller's: rendered as a generic 500. Names the Vault path and the
 * field, never a value. Whoever read the secret must revoke its lease: nothing was handed out.
 */
public class MalformedVaultResponseException extends BrokerException {
    public MalformedVaultResponseException(String path, String problem) {
        super(ErrorKind.INTERNAL, path + ": " + problem);
    }

    @Override
    public String code() {
        return "malformed-vault-response";
    }
}
