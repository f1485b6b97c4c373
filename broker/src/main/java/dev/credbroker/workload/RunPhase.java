package dev.credbroker.workload;

import java.util.Locale;
import java.util.Optional;

/** The run phase a workload token was minted for: its {@code terraform_run_phase} claim. */
public enum RunPhase {
    PLAN, APPLY;

    /** The claim's value as HCP writes it ({@code plan}, {@code apply}). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunPhase> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "plan" -> Optional.of(PLAN);
            case "apply" -> Optional.of(APPLY);
            default -> Optional.empty();
        };
    }
}
