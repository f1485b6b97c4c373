package dev.credbroker.vaultsim.policy;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * One {@code path "…" { capabilities = […] }} block. A pattern may end in {@code *} (prefix match) and may
 * hold {@code +} segments (exactly one path segment), as Vault's policy syntax documents.
 */
public record PathRule(String pattern, Set<Capability> capabilities) {
    public PathRule {
        capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    public boolean matches(String path) {
        boolean glob = pattern.endsWith("*");
        String body = glob ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!body.contains("+")) {
            return glob ? path.startsWith(body) : path.equals(body);
        }
        String[] want = body.split("/", -1);
        String[] have = path.split("/", -1);
        if (have.length < want.length || (!glob && have.length != want.length)) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean last = i == want.length - 1;
            if (want[i].equals("+")) {
                if (have[i].isEmpty()) {
                    return false;
                }
            } else if (last && glob) {
                if (!have[i].startsWith(want[i])) {
                    return false;
                }
            } else if (!want[i].equals(have[i])) {
                return false;
            }
        }
        return glob || have.length == want.length;
    }

    /**
     * Vault's priority among matching patterns (policies concept page): the later first wildcard wins, a
     * pattern without a trailing {@code *} beats one with, fewer {@code +} segments win, the longer pattern
     * wins, then the lexicographically larger one.
     */
    public static final Comparator<PathRule> PRIORITY = Comparator
            .comparingInt((PathRule r) -> firstWildcard(r.pattern))
            .thenComparing(r -> !r.pattern.endsWith("*"))
            .thenComparing(r -> -plusCount(r.pattern))
            .thenComparingInt(r -> r.pattern.length())
            .thenComparing(PathRule::pattern);

    private static int firstWildcard(String pattern) {
        int plus = pattern.indexOf('+');
        int star = pattern.indexOf('*');
        int first = plus < 0 ? star : star < 0 ? plus : Math.min(plus, star);
        return first < 0 ? Integer.MAX_VALUE : first;
    }

    private static int plusCount(String pattern) {
        return (int) pattern.chars().filter(c -> c == '+').count();
    }
}
