package dev.credbroker.error;

/**
 * The few outcomes a caller can see. Controllers never choose status codes: an exception's kind does, in
 * {@code api.BrokerExceptionHandler} (rendered by {@code api.ProblemFactory}), the one translation point.
 */
public enum ErrorKind {
    /** The caller's input is wrong; the detail says how. */
    BAD_REQUEST(400, "Bad request", true),
    /** No, an unverifiable or a replayed workload token (a replay is 401, RFC 6750 {@code invalid_token}). */
    UNAUTHENTICATED(401, "Unauthenticated", true),
    /** A policy or binding refused the request. No detail leaves the broker; the reason goes to the audit log. */
    FORBIDDEN(403, "Forbidden", false),
    NOT_FOUND(404, "Not found", true),
    /** The request contradicts the state of what it names (a heartbeat for a closing or closed phase). */
    CONFLICT(409, "Conflict", true),
    /** A dependency (database, Vault) is unreachable; nothing was handed out. */
    UNAVAILABLE(503, "Service unavailable", true),
    /** A fault of ours; the body stays generic. */
    INTERNAL(500, "Internal error", false);

    private final int status;
    private final String title;
    private final boolean detailShown;

    ErrorKind(int status, String title, boolean detailShown) {
        this.status = status;
        this.title = title;
        this.detailShown = detailShown;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Whether the exception's detail may be shown to the caller. */
    public boolean detailShown() {
        return detailShown;
    }
}
