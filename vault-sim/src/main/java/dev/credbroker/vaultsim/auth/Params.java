package dev.credbroker.vaultsim.auth;

import dev.credbroker.vaultsim.VaultError;

import java.util.Arrays;
import java.util.List;

/** Auth methods' lenient parameter types: a list may arrive as a JSON array or a comma-separated string. */
public final class Params {
    private Params() {
    }

    public static List<String> stringList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).filter(s -> !s.isEmpty()).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static int integer(Object value, int fallback) {
        if (value == null || "".equals(value)) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw VaultError.badRequest("error converting input " + value + " to int");
        }
    }
}
