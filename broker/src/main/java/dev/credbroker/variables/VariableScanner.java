package dev.credbroker.variables;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Sorts a workspace's variables into the families the broker owns: explicit values per configuration tag,
 * and {@code TFC_DEFAULT_*} values. Rejects unknown names inside a family and malformed tags; ignores
 * everything outside the families. Pure; reads names only, never checks values.
 */
final class VariableScanner {
    /** Letters, digits and {@code _}; bounded because the tag ends up in file names. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Reserved so that {@code …_AUTH_TYPE} is never tag {@code TYPE} of {@code …_AUTH}. */
    private static final String RESERVED_TAG = "TYPE";

    private VariableScanner() {
    }

    /** The variables of one family, split by form. Values are untouched (and may be secrets). */
    static final class FamilyValues {
        /** tag ({@code ""} for the default configuration) → base name → value. */
        private final Map<String, Map<String, String>> explicit = new HashMap<>();
        /** base name → value of {@code TFC_DEFAULT_<base>}. */
        private final Map<String, String> defaults = new HashMap<>();

        Optional<String> explicit(String tag, String base) {
            return Optional.ofNullable(explicit.getOrDefault(tag, Map.of()).get(base));
        }

        boolean hasExplicit(String tag, String base) {
            return explicit.getOrDefault(tag, Map.of()).containsKey(base);
        }

        Optional<String> defaultValue(String base) {
            return Optional.ofNullable(defaults.get(base));
        }

        boolean hasDefault(String base) {
            return defaults.containsKey(base);
        }

        /** Whether any variable of the family is set with exactly this tag. */
        boolean hasTag(String tag) {
            return explicit.containsKey(tag);
        }

        /** Tags that have the given base set explicitly, {@code ""} first, then in natural order. */
        SortedSet<String> tagsWith(String base) {
            SortedSet<String> tags = new TreeSet<>();
            explicit.forEach((tag, values) -> {
                if (values.containsKey(base)) {
                    tags.add(tag);
                }
            });
            return tags;
        }
    }

    /**
     * @throws InvalidVariableException naming the first (in name order) unknown variable of a family, malformed
     *                                  tag, tagged {@code TFC_DEFAULT_} form or defaulted switch
     */
    static Map<VariableFamily, FamilyValues> scan(Map<String, String> variables) {
        Map<VariableFamily, FamilyValues> result = new EnumMap<>(VariableFamily.class);
        for (VariableFamily family : VariableFamily.values()) {
            result.put(family, new FamilyValues());
        }
        // Sorted, so that "the first" offending variable is the same on every call.
        for (Map.Entry<String, String> entry : new TreeMap<>(variables).entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(VariableFamily.TFC_DEFAULT)) {
                scanDefault(name, entry.getValue(), result);
            } else if (name.startsWith(VariableFamily.TFC)) {
                scanExplicit(name, entry.getValue(), result);
            }
        }
        return result;
    }

    private static void scanDefault(String name, String value, Map<VariableFamily, FamilyValues> result) {
        String canonical = VariableFamily.TFC + name.substring(VariableFamily.TFC_DEFAULT.length());
        Optional<VariableFamily> family = VariableFamily.of(canonical);
        if (family.isEmpty()) {
            return;
        }
        String base = canonical.substring(family.get().prefix().length());
        if (!family.get().baseNames().contains(base)) {
            throw new InvalidVariableException(name,
                    "unknown variable (TFC_DEFAULT_ forms take no tag; check the spelling)");
        }
        if (base.equals(family.get().switchName())) {
            throw new InvalidVariableException(name, "unknown variable: the "
                    + family.get().explicitName(base, "") + " switch has no TFC_DEFAULT_ form");
        }
        result.get(family.get()).defaults.put(base, value == null ? "" : value);
    }

    private static void scanExplicit(String name, String value, Map<VariableFamily, FamilyValues> result) {
        Optional<VariableFamily> family = VariableFamily.of(name);
        if (family.isEmpty()) {
            return;
        }
        String rest = name.substring(family.get().prefix().length());
        for (String base : family.get().baseNames()) {
            if (rest.equals(base)) {
                put(result.get(family.get()), "", base, value);
                return;
            }
            if (rest.startsWith(base + "_")) {
                String tag = rest.substring(base.length() + 1);
                if (!TAG.matcher(tag).matches()) {
                    throw new InvalidVariableException(name,
                            "malformed tag: 1 to 64 letters, digits and _ only");
                }
                if (tag.equalsIgnoreCase(RESERVED_TAG)) {
                    throw new InvalidVariableException(name, "unknown variable: TYPE is reserved and is no tag");
                }
                put(result.get(family.get()), tag, base, value);
                return;
            }
        }
        throw new InvalidVariableException(name, "unknown variable in the " + family.get().prefix()
                + "* family; known: " + String.join(", ", family.get().baseNames().stream().sorted().toList()));
    }

    private static void put(FamilyValues values, String tag, String base, String value) {
        values.explicit.computeIfAbsent(tag, t -> new HashMap<>()).put(base, value == null ? "" : value);
    }
}
