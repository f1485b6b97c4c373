package dev.credbroker.audit.correlate;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Set;

/**
 * One phase's Vault tokens as the audit log may show them: each accessor in clear and as the device hashes it,
 * and when the phase was closed or reaped (none while it is open).
 */
public record PhaseTokens(String phaseId, Set<String> loggedAccessors, @Nullable Instant closedAt) {
}
