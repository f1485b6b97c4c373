package dev.credbroker.workload;

import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Trusted issuers from environment variables, for installs configured without a YAML file:
 *
 * <pre>
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_ISSUER        https://app.terraform.io            (required)
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_AUDIENCES     vault.workload.identity,other       (required, comma-separated)
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_JWKS_URL      https://app.terraform.io/.well-known/jwks
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_JWKS_FILE     /etc/credbroker/tfe-jwks.json
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_ALGORITHMS    RS256                               (comma-separated; default RS256,ES256)
 * BROKER_TRUSTED_ISSUER_&lt;NAME&gt;_JWKS_REFRESH  10m
 * </pre>
 *
 * each becoming {@code broker.workload.trusted-issuers.<name>.<key>}, {@code <name>} being NAME in lower case
 * with {@code _} turned into {@code -} ({@code HCP_EU} → {@code hcp-eu}). They override the same keys from YAML.
 * Without JWKS_URL or JWKS_FILE the keys come from the issuer's discovery document. A variable with the prefix
 * and any other ending stops the start, naming it: a misspelt setting is never silently ignored.
 */
public final class TrustedIssuerEnvironment {
    public static final String ENV_PREFIX = "BROKER_TRUSTED_ISSUER_";
    /** Variable ending → configuration key; longer endings first, so {@code _JWKS_URL} is not read as {@code _URL}. */
    private static final Map<String, String> SUFFIXES = orderedSuffixes();
    private static final Pattern NAME = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");
    private static final List<String> LISTS = List.of("audiences", "algorithms");

    private TrustedIssuerEnvironment() {
    }

    private static Map<String, String> orderedSuffixes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("_JWKS_REFRESH", "jwks-refresh");
        m.put("_ALGORITHMS", "algorithms");
        m.put("_AUDIENCES", "audiences");
        m.put("_JWKS_FILE", "jwks-file");
        m.put("_JWKS_URL", "jwks-url");
        m.put("_ISSUER", "issuer");
        return m;
    }

    /**
     * The configuration properties the {@code BROKER_TRUSTED_ISSUER_*} entries of {@code env} stand for.
     *
     * @throws ConfigurationException for a variable with the prefix that names no known setting
     */
    public static Map<String, Object> properties(Map<String, String> env) {
        Map<String, Object> props = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = variable.substring(ENV_PREFIX.length());
            String key = null;
            String name = null;
            for (Map.Entry<String, String> suffix : SUFFIXES.entrySet()) {
                if (rest.endsWith(suffix.getKey())) {
                    name = rest.substring(0, rest.length() - suffix.getKey().length());
                    key = suffix.getValue();
                    break;
                }
            }
            if (key == null || !NAME.matcher(name).matches()) {
                throw new ConfigurationException(variable + " is not a trusted-issuer setting: expected "
                        + ENV_PREFIX + "<NAME>{" + String.join("|", SUFFIXES.keySet()) + "} with NAME of A-Z, 0-9 and _");
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (value.isEmpty()) {
                continue; // an empty variable is how a compose file leaves a setting out
            }
            String property = TrustedIssuerConfiguration.PREFIX + "." + name.toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-') + "." + key;
            props.put(property, LISTS.contains(key)
                    ? java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : value);
        }
        return props;
    }

    /** {@link #properties} as a property source ranked like Micronaut's own environment variables (over YAML). */
    public static PropertySource propertySource(Map<String, String> env) {
        return PropertySource.of("trusted-issuer-environment", properties(env), EnvironmentPropertySource.POSITION);
    }
}
