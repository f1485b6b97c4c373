package dev.credbroker.workload;

import java.util.Objects;

/**
 * A verified workload token: its identity plus the compact JWT, which the broker must present to Vault
 * and must never store or log. {@link #toString()} therefore shows the identity only.
 */
public final class WorkloadToken {
    private final RunIdentity identity;
    private final String compact;

    public WorkloadToken(RunIdentity identity, String compact) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.compact = Objects.requireNonNull(compact, "compact");
    }

    public RunIdentity identity() {
        return identity;
    }

    /** The serialized JWT, for Vault's {@code auth/<path>/login} only. */
    public String compact() {
        return compact;
    }

    @Override
    public String toString() {
        return "WorkloadToken[jti=" + identity.jti() + ", run=" + identity.runId() + ", phase=" + identity.phase() + "]";
    }
}
