package dev.credbroker.variables;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One family of workspace variables the broker owns, with the base names of its variables (the part after
 * the family prefix, without a tag). A name that starts with a family's prefix but is not one of its base
 * names (optionally followed by {@code _<TAG>}) is an error, never silently ignored: a typo in a credential
 * variable would otherwise hand the run no, or the wrong, credentials.
 *
 * <p>Order matters: prefixes are matched most specific first, so {@code TFC_VAULT_BACKED_AWS_*} is never read
 * as a {@code TFC_VAULT_*} variable.
 */
enum VariableFamily {
    VAULT_BACKED_AWS("TFC_VAULT_BACKED_AWS_", "AUTH",
            Set.of("AUTH", "AUTH_TYPE", "RUN_VAULT_ROLE", "PLAN_VAULT_ROLE", "APPLY_VAULT_ROLE", "MOUNT_PATH",
                    "SLEEP_SECONDS", "VAULT_CONFIG", "RUN_ROLE_ARN", "PLAN_ROLE_ARN", "APPLY_ROLE_ARN")),
    VAULT_BACKED_AZURE("TFC_VAULT_BACKED_AZURE_", "AUTH",
            Set.of("AUTH", "RUN_VAULT_ROLE", "PLAN_VAULT_ROLE", "APPLY_VAULT_ROLE", "MOUNT_PATH", "SLEEP_SECONDS",
                    "VAULT_CONFIG")),
    VAULT_BACKED_GCP("TFC_VAULT_BACKED_GCP_", "AUTH",
            Set.of("AUTH", "AUTH_TYPE", "MOUNT_PATH", "VAULT_CONFIG", "RUN_VAULT_ROLESET", "PLAN_VAULT_ROLESET",
                    "APPLY_VAULT_ROLESET", "RUN_VAULT_STATIC_ACCOUNT", "PLAN_VAULT_STATIC_ACCOUNT",
                    "APPLY_VAULT_STATIC_ACCOUNT")),
    /** Last: its prefix is a prefix of the others'. Also catches unknown {@code TFC_VAULT_BACKED_<X>_*}. */
    VAULT("TFC_VAULT_", "PROVIDER_AUTH",
            Set.of("PROVIDER_AUTH", "ADDR", "RUN_ROLE", "PLAN_ROLE", "APPLY_ROLE", "NAMESPACE", "AUTH_PATH",
                    "WORKLOAD_IDENTITY_AUDIENCE", "ENCODED_CACERT", "CLIENT_TIMEOUT"));

    static final String TFC = "TFC_";
    static final String TFC_DEFAULT = "TFC_DEFAULT_";

    private final String prefix;
    private final String switchName;
    /** Longest first, so {@code AUTH_TYPE_PROD} is base {@code AUTH_TYPE} with tag {@code PROD}. */
    private final List<String> baseNames;

    VariableFamily(String prefix, String switchName, Set<String> baseNames) {
        this.prefix = prefix;
        this.switchName = switchName;
        this.baseNames = baseNames.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    String prefix() {
        return prefix;
    }

    /** The on/off variable: {@code PROVIDER_AUTH} or {@code AUTH}. It has no {@code TFC_DEFAULT_} form. */
    String switchName() {
        return switchName;
    }

    List<String> baseNames() {
        return baseNames;
    }

    /** The explicit name of {@code base} for a configuration: {@code PREFIX + BASE [+ _TAG]}. */
    String explicitName(String base, String tag) {
        return prefix + base + (tag.isEmpty() ? "" : "_" + tag);
    }

    /** {@code TFC_DEFAULT_<NAME without TFC_>}. */
    String defaultName(String base) {
        return TFC_DEFAULT + (prefix + base).substring(TFC.length());
    }

    /** The family a {@code TFC_…} name (explicit form) belongs to, if any. */
    static Optional<VariableFamily> of(String canonicalName) {
        for (VariableFamily family : values()) {
            if (canonicalName.startsWith(family.prefix)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
