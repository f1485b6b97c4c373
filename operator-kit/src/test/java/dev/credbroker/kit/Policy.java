package dev.credbroker.kit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One policy file: path pattern to capabilities, and what it grants on a concrete request path. */
record Policy(String name, Map<String, Set<String>> rules, List<String> declaredPaths) {

    private static final Pattern PATH_DECLARATION = Pattern.compile("(?m)^\\s*path\\s+\"([^\"]+)\"");

    static Policy load(Path file) {
        Map<String, Object> parsed = KitFiles.parse(file);
        if (!Set.of("path").containsAll(parsed.keySet())) {
            // e.g. a path line that lost its "{": hcl4j then returns its attributes at the top level
            throw new AssertionError(file + ": only path blocks belong in a policy, found " + parsed.keySet());
        }
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        Object paths = parsed.getOrDefault("path", Map.of());
        if (!(paths instanceof Map<?, ?> pathMap)) {
            throw new AssertionError(file + ": path blocks did not parse as a map but as " + paths);
        }
        pathMap.forEach((pattern, body) -> rules.put(String.valueOf(pattern), capabilities(file, pattern, body)));
        return new Policy(KitFiles.baseName(file), rules, declarations(KitFiles.read(file)));
    }

    /** Capabilities Vault would give this policy alone on {@code path}: only the most specific rule counts. */
    Set<String> capabilitiesFor(String path) {
        return rules.keySet().stream()
                .map(VaultPathPattern::new)
                .filter(p -> p.matches(path))
                .sorted(VaultPathPattern.MOST_SPECIFIC_FIRST)
                .findFirst()
                .map(p -> rules.get(p.pattern()))
                .filter(caps -> !caps.contains("deny"))
                .orElse(Set.of());
    }

    boolean grantsAnything(String path) {
        return !capabilitiesFor(path).isEmpty();
    }

    private static Set<String> capabilities(Path file, Object pattern, Object body) {
        if (body instanceof Map<?, ?> block && block.get("capabilities") instanceof List<?> caps) {
            Set<String> result = new TreeSet<>();
            caps.forEach(c -> result.add(String.valueOf(c)));
            return result;
        }
        throw new AssertionError(file + ": path \"" + pattern + "\" has no capabilities list: " + body);
    }

    // Uncommented declarations as written: hcl4j keeps only the last of two blocks with the same path
    private static List<String> declarations(String text) {
        String uncommented = text.replaceAll("(?m)^\\s*#.*$", "");
        Matcher m = PATH_DECLARATION.matcher(uncommented);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
