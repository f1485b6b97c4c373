package dev.credbroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which {@code dev.credbroker} package uses which, read from source: imports (static ones too) and fully qualified
 * names in code. Source, not bytecode, because constants such as exit codes are inlined by javac and leave no
 * trace in a class file. Comments and string literals are not code and are skipped.
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    /** {@code dev.credbroker.x.y.Type}: the package is everything before the first capitalised segment. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\bdev\\.credbroker(?:\\.[a-z_][a-z0-9_]*)*(?=\\.[A-Z])");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])'", Pattern.DOTALL);

    private final Map<String, Set<String>> uses = new TreeMap<>();

    static PackageGraph of(Path sourceRoot) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(graph::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private void read(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return;
        }
        String from = declared.group(1);
        Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(COMMENT_OR_STRING.matcher(source).replaceAll(" "));
        while (reference.find()) {
            if (!reference.group().equals(from)) {
                targets.add(reference.group());
            }
        }
    }

    Set<String> uses(String pkg) {
        return uses.getOrDefault(pkg, Set.of());
    }

    /** Every group of packages that reach each other (Tarjan's strongly connected components of two or more). */
    List<Set<String>> cycles() {
        return new Tarjan().run();
    }

    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<Set<String>> found = new ArrayList<>();

        List<Set<String>> run() {
            for (String pkg : uses.keySet()) {
                if (!index.containsKey(pkg)) {
                    visit(pkg);
                }
            }
            return found;
        }

        private void visit(String pkg) {
            index.put(pkg, index.size());
            low.put(pkg, index.get(pkg));
            stack.push(pkg);
            for (String next : uses(pkg)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(pkg, Math.min(low.get(pkg), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(pkg, Math.min(low.get(pkg), index.get(next)));
                }
            }
            if (low.get(pkg).equals(index.get(pkg))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(pkg));
                if (component.size() > 1) {
                    found.add(component);
                }
            }
        }
    }
}
