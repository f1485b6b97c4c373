package dev.credbroker.workload;

/**
 * The longest value of each claim the broker keeps, in characters. They match the columns that store them
 * ({@code phase_session.jti}, {@code run_id}, {@code subject}, {@code issuer}; {@code audit_event.run_id}), so a
 * validly signed token with an over-long claim is refused as a bad token (401) instead of failing the insert and
 * passing for a database outage (503). The broker's own minter holds its requests to the same limits.
 */
public final class ClaimLimits {
    /** {@code jti}: {@code phase_session.jti VARCHAR(255)}. */
    public static final int JTI = 255;
    /** {@code terraform_run_id}: {@code phase_session.run_id}, {@code audit_event.run_id VARCHAR(255)}. */
    public static final int RUN_ID = 255;
    /** {@code sub}: {@code phase_session.subject VARCHAR(1024)}. */
    public static final int SUBJECT = 1024;
    /** {@code iss}: {@code phase_session.issuer VARCHAR(512)}. */
    public static final int ISSUER = 512;
    /**
     * Organization, project and workspace names and ids. Not stored in a column of their own, but quoted in the
     * audit trail; HCP's own names are far shorter.
     */
    public static final int NAME = 256;

    private ClaimLimits() {
    }
}
