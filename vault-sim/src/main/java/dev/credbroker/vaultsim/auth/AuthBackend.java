package dev.credbroker.vaultsim.auth;

import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;

/** An auth method mounted at {@code auth/<path>/}: its login is served without a token, the rest needs one. */
public interface AuthBackend {

    String type();

    boolean isUnauthenticated(String relativePath);

    Response handle(Request request, String relativePath);
}
