package dev.credbroker.kit;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A precondition of the form {@code (var.A == null) != (var.B == null)} (exactly one of A and B set), found in a
 * .tf file's text and evaluated for a given set of variables. hcl4j reduces such a condition to a constant, so it
 * is read as text.
 */
final class NullnessCondition {
    private final String first;
    private final String second;

    private NullnessCondition(String first, String second) {
        this.first = first;
        this.second = second;
    }

    /** The condition over variables {@code a} and {@code b}, in either order; fails when there is none. */
    static NullnessCondition in(String terraformText, String a, String b) {
        Matcher m = Pattern.compile("condition\\s*=\\s*\\(var\\.(\\w+) == null\\) != \\(var\\.(\\w+) == null\\)")
                .matcher(terraformText);
        while (m.find()) {
            if (Set.of(m.group(1), m.group(2)).equals(Set.of(a, b))) {
                return new NullnessCondition(m.group(1), m.group(2));
            }
        }
        throw new AssertionError("no condition '(var." + a + " == null) != (var." + b + " == null)'");
    }

    /** Whether the condition holds when exactly the variables in {@code set} are given a value. */
    boolean holds(Set<String> set) {
        return !set.contains(first) != !set.contains(second);
    }
}
