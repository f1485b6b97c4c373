package dev.credbroker.vaultsim.engine;

import dev.credbroker.vaultsim.VaultError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed access to a request's fields, converting the way Vault's {@code framework.FieldData} does and failing with
 * its 400 message ({@code error converting input <v> for field "<k>": ...}). Also the routing helpers every engine
 * needs: Vault's name patterns and its {@code unsupported operation} answer.
 */
public final class Params {

    /** {@code framework.GenericNameRegex}: word characters, '-' and '.', not starting or ending with '-' or '.'. */
    private static final Pattern GENERIC_NAME = Pattern.compile("\\w(?:[\\w.-]*\\w)?");
    /** {@code framework.GenericNameWithAtRegex}: the same plus '@'. */
    private static final Pattern GENERIC_NAME_WITH_AT = Pattern.compile("\\w(?:[\\w.@-]*\\w)?");

    private final SimRequest request;

    private Params(SimRequest request) {
        this.request = request;
    }

    public static Params of(SimRequest request) {
        return new Params(request);
    }

    /** Whether a field was sent (Vault's {@code GetOk}); a JSON null counts as not sent. */
    public boolean has(String key) {
        return request.data().get(key) != null;
    }

    /** A string field; numbers and booleans are rendered as Vault's weak decoding does. */
    public Optional<String> string(String key) {
        Object raw = request.data().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Collection || raw instanceof java.util.Map) {
            throw conversion(key, raw, "expected a string");
        }
        return Optional.of(String.valueOf(raw));
    }

    /** {@code TypeCommaStringSlice}: a JSON list or a comma-separated string; blanks are dropped. */
    public Optional<List<String>> stringList(String key) {
        Object raw = request.data().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (raw instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof Collection || item instanceof java.util.Map) {
                    throw conversion(key, raw, "expected a list of strings");
                }
                if (item != null && !String.valueOf(item).isBlank()) {
                    out.add(String.valueOf(item).trim());
                }
            }
        } else if (raw instanceof CharSequence text) {
            Arrays.stream(text.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        } else {
            out.add(String.valueOf(raw));
        }
        return Optional.of(List.copyOf(out));
    }

    /** {@code TypeDurationSecond}: seconds as a number or string, or a Go duration string. */
    public Optional<Duration> duration(String key) {
        Object raw = request.data().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(raw));
        } catch (IllegalArgumentException e) {
            throw conversion(key, raw, e.getMessage());
        }
    }

    /** {@code TypeBool}: a JSON boolean or the strings Go's {@code strconv.ParseBool} accepts. */
    public Optional<Boolean> bool(String key) {
        Object raw = request.data().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Boolean b) {
            return Optional.of(b);
        }
        return switch (String.valueOf(raw)) {
            case "1", "t", "T", "true", "TRUE", "True" -> Optional.of(true);
            case "0", "f", "F", "false", "FALSE", "False" -> Optional.of(false);
            default -> throw conversion(key, raw, "strconv.ParseBool: parsing \"" + raw + "\": invalid syntax");
        };
    }

    /** The raw value, for fields that accept more than one JSON shape. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(request.data().get(key));
    }

    /** Whether {@code name} matches {@code framework.GenericNameRegex} (no '/', so one path segment). */
    public static boolean isGenericName(String name) {
        return GENERIC_NAME.matcher(name).matches();
    }

    /** Whether {@code name} matches {@code framework.GenericNameWithAtRegex}. */
    public static boolean isGenericNameWithAt(String name) {
        return GENERIC_NAME_WITH_AT.matcher(name).matches();
    }

    private static VaultError conversion(String key, Object raw, String why) {
        return VaultError.badRequest("error converting input " + raw + " for field \"" + key + "\": " + why);
    }
}
