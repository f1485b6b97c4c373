package dev.credbroker;

import dev.credbroker.audit.AuditSettings;
import dev.credbroker.issuer.IssuerConfiguration;
import dev.credbroker.phase.PhaseSettings;
import dev.credbroker.variables.VariableLimits;
import dev.credbroker.vault.VaultTarget;
import dev.credbroker.workload.TrustedIssuerConfiguration;
import dev.credbroker.workload.WorkloadSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stops the start on a setting its type can't read ({@code BROKER_HEARTBEAT_TIMEOUT=abc}): Micronaut binds an
 * unconvertible value as if it were unset, so the settings records would silently take their defaults, and the
 * operator's value would change nothing without a word. Range checks stay in the records.
 */
@Context
final class SettingsReadable {
    private static final List<Class<? extends Record>> SETTINGS = List.of(PhaseSettings.class,
            IssuerConfiguration.class, WorkloadSettings.class, VariableLimits.class, AuditSettings.class);
    private static final Set<Class<?>> SCALARS = Set.of(Duration.class, Integer.class, int.class, Long.class,
            long.class, Boolean.class, boolean.class);

    SettingsReadable(Environment environment) {
        for (Class<? extends Record> settings : SETTINGS) {
            checkRecord(environment, prefixOf(settings), settings);
        }
        String issuers = TrustedIssuerConfiguration.PREFIX;
        for (String name : environment.getPropertyEntries(issuers)) {
            checkRecord(environment, issuers + "." + name, TrustedIssuerConfiguration.class);
        }
        // a Vault target is a bean, not a record (its deprecated reaper-* keys): its one non-text setting by name
        for (String name : environment.getPropertyEntries(VaultTarget.PREFIX)) {
            check(environment, VaultTarget.PREFIX + "." + name + ".request-timeout", Duration.class);
        }
    }

    private static void checkRecord(Environment environment, String prefix, Class<? extends Record> settings) {
        for (RecordComponent component : settings.getRecordComponents()) {
            if (!SCALARS.contains(component.getType())) {
                continue;
            }
            check(environment, prefix + "." + kebab(component.getName()), component.getType());
        }
    }

    private static void check(Environment environment, String key, Class<?> type) {
        boolean given = environment.getProperty(key, String.class).filter(v -> !v.isBlank()).isPresent();
        if (given && environment.getProperty(key, type).isEmpty()) {
            throw new ConfigurationException(key + " is not " + kind(type) + ": "
                    + environment.getProperty(key, String.class).orElse(""));
        }
    }

    private static String kind(Class<?> type) {
        if (type == Duration.class) {
            return "a duration (such as 30s, 5m, 4h)";
        }
        return type == Boolean.class || type == boolean.class ? "true or false" : "a whole number";
    }

    private static String prefixOf(Class<?> settings) {
        try {
            return (String) settings.getField("PREFIX").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(settings.getSimpleName() + " names no PREFIX", e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
