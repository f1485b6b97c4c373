package dev.credbroker.vaultsim.auth.jwt;

import dev.credbroker.vaultsim.auth.Params;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bound_claims} as the JWT plugin checks them: every bound claim must be present, and one of its
 * allowed values must equal (type {@code string}) or glob-match (type {@code glob}, {@code *} = any run of
 * characters) the claim, or one element of it when the claim is a list.
 */
final class ClaimRules {
    private ClaimRules() {
    }

    /** @return the error Vault reports, or empty when every bound claim holds */
    static Optional<String> violation(Map<String, Object> bound, boolean glob, Map<String, Object> claims) {
        for (Map.Entry<String, Object> rule : bound.entrySet()) {
            Object actual = claims.get(rule.getKey());
            if (actual == null) {
                return Optional.of("claim \"" + rule.getKey() + "\" is missing");
            }
            List<String> allowed = Params.stringList(rule.getValue());
            List<String> values = actual instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(actual));
            boolean ok = values.stream().anyMatch(v -> allowed.stream().anyMatch(a -> glob ? globMatch(a, v) : a.equals(v)));
            if (!ok) {
                return Optional.of("claim \"" + rule.getKey() + "\" does not match any associated bound claim values");
            }
        }
        return Optional.empty();
    }

    static boolean globMatch(String pattern, String value) {
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        String[] parts = pattern.split("\\*", -1);
        if (!value.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = value.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return value.length() - at >= last.length() && value.endsWith(last);
    }
}
