package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;

import java.util.Optional;

/**
 * The variables of one configuration (a family and a tag), with HCP's precedence applied: the explicit
 * {@code NAME[_TAG]} beats {@code TFC_DEFAULT_NAME}; the switch has no default form. Every value comes back
 * with the name of the variable that supplied it, so that errors name what the user actually set.
 */
final class ConfigVariables {
    /** A value and the variable it came from. The value may be a secret: never put it in a message. */
    record Value(String variable, String value) {
        @Override
        public String toString() {
            return "Value[" + variable + "]";
        }
    }

    private final VariableFamily family;
    private final String tag;
    private final VariableScanner.FamilyValues values;

    ConfigVariables(VariableFamily family, String tag, VariableScanner.FamilyValues values) {
        this.family = family;
        this.tag = tag;
        this.values = values;
    }

    String tag() {
        return tag;
    }

    /** The explicit name of {@code base} in this configuration, for messages about a missing variable. */
    String name(String base) {
        return family.explicitName(base, tag);
    }

    /** Explicit, then {@code TFC_DEFAULT_} (except for the switch). */
    Optional<Value> get(String base) {
        Optional<String> explicit = values.explicit(tag, base);
        if (explicit.isPresent()) {
            return Optional.of(new Value(name(base), explicit.get()));
        }
        if (base.equals(family.switchName())) {
            return Optional.empty();
        }
        return values.defaultValue(base).map(v -> new Value(family.defaultName(base), v));
    }

    /** Only the explicit {@code NAME[_TAG]} form. */
    Optional<Value> explicit(String base) {
        return values.explicit(tag, base).map(v -> new Value(name(base), v));
    }

    /**
     * A per-phase variable, {@code <PHASE>_<suffix>} falling back to {@code RUN_<suffix>}. Order, as OTF's
     * replica of HCP resolves it: explicit phase, default phase, explicit RUN, default RUN.
     */
    Optional<Value> phased(String suffix, RunPhase phase) {
        return get(phase.name() + "_" + suffix).or(() -> get("RUN_" + suffix));
    }

    /** The message for a missing per-phase variable, naming the RUN form. */
    InvalidVariableException missingPhased(String suffix, String context) {
        return new InvalidVariableException(name("RUN_" + suffix), "required" + context + " unless both "
                + name("PLAN_" + suffix) + " and " + name("APPLY_" + suffix) + " are set");
    }

    /** Whether this configuration is switched on: the switch is exactly {@code true}. */
    boolean enabled() {
        return get(family.switchName()).map(VariableValues::switchValue).orElse(false);
    }
}
