package dev.credbroker.vault;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/**
 * The workspace's Vault role issues batch tokens (role or mount {@code token_type=batch}): Vault gives them no
 * accessor and can neither renew nor revoke them, so the broker could never end the phase. Refused before
 * anything is read with it; the token itself lapses at its TTL.
 */
public class BatchTokenRefusedException extends BrokerException {
    public BatchTokenRefusedException(String authPath, String role) {
        super(ErrorKind.BAD_REQUEST, "Vault role \"" + role + "\" at auth/" + authPath + " issues batch tokens, "
                + "which Vault can neither revoke nor renew; the broker needs service tokens (token_type=service)");
    }

    @Override
    public String code() {
        return "vault-batch-token";
    }
}
