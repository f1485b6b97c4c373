package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** The phase has no configuration of this provider and tag. */
public class CredentialNotFoundException extends BrokerException {
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,64}");

    public CredentialNotFoundException(String id, String provider, String tag) {
        // a tag no configuration could have is not echoed back
        super(ErrorKind.NOT_FOUND, "phase " + id + " has no " + provider + " credentials"
                + (tag.isEmpty() ? " in its default configuration" : TAG.matcher(tag).matches() ? " tagged " + tag
                : " with that tag"));
    }

    @Override
    public String code() {
        return "credential-not-found";
    }
}
