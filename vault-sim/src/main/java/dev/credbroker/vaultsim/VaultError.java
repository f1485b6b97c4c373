package dev.credbroker.vaultsim;

import java.util.List;

/**
 * A failed request, rendered in Vault's error shape: {@code {"errors": ["..."]}} with the given status.
 * Vault answers caller mistakes with 400, ACL refusals with 403 {@code permission denied}, unknown paths with
 * 404 and an empty list, and a sealed barrier with 503 {@code Vault is sealed}.
 */
public class VaultError extends RuntimeException {
    private final int status;
    private final List<String> errors;

    public VaultError(int status, String... errors) {
        super(status + " " + String.join("; ", errors));
        this.status = status;
        this.errors = List.of(errors);
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    public static VaultError badRequest(String message) {
        return new VaultError(400, message);
    }

    public static VaultError permissionDenied() {
        return new VaultError(403, "permission denied");
    }

    /**
     * A token Vault does not know (never issued, revoked, expired): 403 with both messages, as Vault has
     * answered since hashicorp/vault PR #26687. Clients must not match on either text.
     */
    public static VaultError invalidToken() {
        return new VaultError(403, "permission denied", "invalid token");
    }

    /** Vault answers an unrouted path with 404 and no message. */
    public static VaultError notFound() {
        return new VaultError(404);
    }

    /** What Vault's router answers for a path no backend route matches. */
    public static VaultError unsupportedPath(String path) {
        return new VaultError(404, "unsupported path");
    }

    /** What Vault answers for a routed path that does not support the request's operation. */
    public static VaultError unsupportedOperation() {
        return new VaultError(405, "unsupported operation");
    }
}
