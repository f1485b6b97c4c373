package dev.credbroker.phase;

import dev.credbroker.cloud.IssuedCredential;

import java.time.Instant;
import java.util.Optional;

/**
 * A credential as handed to the run. {@code usableAfter} carries {@code SLEEP_SECONDS}: cloud-side
 * propagation (IAM eventual consistency) is the runner's wait, not a broker thread's.
 */
public record HandedCredential(IssuedCredential credential, Optional<Instant> usableAfter) {
}
