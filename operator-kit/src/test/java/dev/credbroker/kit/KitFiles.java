package dev.credbroker.kit;

import com.bertramlabs.plugins.hcl4j.HCLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds and parses the operator kit's HCL, wherever Maven was started from (root or module). */
final class KitFiles {
    static final Path ROOT = findRoot();
    static final Path POLICIES = ROOT.resolve("vault-policies");
    static final Path TERRAFORM = ROOT.resolve("terraform");

    private KitFiles() {
    }

    static List<Path> policyFiles() {
        return list(POLICIES, ".hcl");
    }

    static List<Path> terraformFiles() {
        return list(TERRAFORM, ".tf");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails on any file Vault or Terraform would reject for its structure, then parses it with hcl4j. */
    static Map<String, Object> parse(Path file) {
        HclStructure.firstError(read(file)).ifPresent(error -> {
            throw new AssertionError(ROOT.relativize(file) + ": " + error);
        });
        HCLParser parser = new HCLParser();
        // Terraform's file() is how policies reach Vault; resolve it for real so tests see what Vault gets
        parser.registerFunction("file", args -> read(TERRAFORM.resolve(
                String.valueOf(args.get(0)).replaceFirst("^path\\.module/", "")).normalize()));
        try {
            return parser.parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("vault-policies")) && Files.isDirectory(dir.resolve("terraform"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no vault-policies/ and terraform/ above " + Path.of("").toAbsolutePath());
    }
}
