package dev.credbroker.vaultsim.auth;

import java.util.Map;

import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;

/** An auth method mounted at {@code auth/<path>/}: its login is served without a token, the rest needs one. */
public interface AuthBackend {

    String type();

    boolean isUnauthenticated(String relativePath);

    Response handle(Request request, String relativePath);

    /**
     * Vault asks the auth method that issued a token before renewing it (the method's renew callback): the
     * method may refuse. {@code meta} is the token's metadata. Most methods accept.
     */
    default void checkRenewal(Map<String, String> meta) {
    }
}
