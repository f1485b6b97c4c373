package dev.credbroker.cloud;

import dev.credbroker.variables.Provider;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials handed to a run for one configuration: the one name for a credential the broker hands out (the audit
 * trail's form is {@code IssuedCredentialRecord}, without values). Values are secrets: {@link #toString()} shows
 * names only.
 *
 * @param env             environment variables for a single (untagged) configuration
 * @param files           file name (relative, e.g. {@code vault_backed_aws_TAG_credentials}) → content
 * @param terraformFields the fields of this configuration's entry in HCP's
 *                        {@code tfc_vault_backed_<provider>_dynamic_credentials} input variable, with file
 *                        names relative to the run's working directory
 * @param revocable       false where revoking the lease cannot invalidate the credential (STS, GCP access tokens)
 * @param usableAfter     {@code SLEEP_SECONDS} after issue: cloud-side propagation (IAM eventual consistency) is the
 *                        runner's wait, not a broker thread's; empty when usable at once
 */
public record IssuedCredential(Provider provider, String tag, Map<String, String> env, Map<String, String> files,
                               Map<String, String> terraformFields, Optional<Instant> expiresAt, boolean revocable,
                               Optional<Instant> usableAfter) {

    /** As a provider makes it: the phase, which knows the plan's sleep, sets {@link #usableAfter} after. */
    public IssuedCredential(Provider provider, String tag, Map<String, String> env, Map<String, String> files,
                            Map<String, String> terraformFields, Optional<Instant> expiresAt, boolean revocable) {
        this(provider, tag, env, files, terraformFields, expiresAt, revocable, Optional.empty());
    }

    public IssuedCredential {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tag, "tag");
        env = Map.copyOf(env);
        files = Map.copyOf(files);
        terraformFields = Map.copyOf(terraformFields);
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        usableAfter = usableAfter == null ? Optional.empty() : usableAfter;
    }

    public IssuedCredential usableAfter(Optional<Instant> instant) {
        return new IssuedCredential(provider, tag, env, files, terraformFields, expiresAt, revocable, instant);
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + provider.id() + (tag.isEmpty() ? "" : "_" + tag) + ", env=" + env.keySet()
                + ", files=" + files.keySet() + ", expiresAt=" + expiresAt.orElse(null) + ", revocable=" + revocable
                + ", usableAfter=" + usableAfter.orElse(null) + "]";
    }
}
