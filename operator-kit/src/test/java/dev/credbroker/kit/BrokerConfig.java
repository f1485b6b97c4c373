package dev.credbroker.kit;

import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's {@code application.yml} as the operator kit sees it: a key's default once its
 * {@code ${ENV_VAR:default}} placeholder is resolved without the variable, which is what an install gets
 * unless the operator overrides it.
 */
final class BrokerConfig {
    static final Path APPLICATION_YML = KitFiles.ROOT.resolve("broker/src/main/resources/application.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

    private BrokerConfig() {
    }

    /** The raw value of a dotted key, e.g. {@code broker.phases.max-duration}. */
    static Optional<Object> raw(String dottedKey) {
        Object node = new Yaml().load(KitFiles.read(APPLICATION_YML));
        for (String part : dottedKey.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = map.get(part);
        }
        return Optional.ofNullable(node);
    }

    /** The value a key has when no environment variable overrides it. */
    static String defaultOf(String dottedKey) {
        String value = String.valueOf(raw(dottedKey).orElseThrow(() -> new AssertionError(dottedKey + " not in "
                + APPLICATION_YML)));
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    /** The environment variable a key's placeholder names, if it has one. */
    static Optional<String> variableOf(String dottedKey) {
        Matcher m = PLACEHOLDER.matcher(String.valueOf(raw(dottedKey).orElse("")));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Micronaut's short duration form ({@code 90s}, {@code 5m}, {@code 4h}, {@code 1d}). */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new AssertionError("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
