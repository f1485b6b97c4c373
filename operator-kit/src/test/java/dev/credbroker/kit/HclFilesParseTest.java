package dev.credbroker.kit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file that doesn't parse would fail only at `vault policy write` or `terraform plan`, on an operator's desk. */
class HclFilesParseTest {

    @Test
    void kitIsNotEmpty() {
        // an empty list would make every other test here pass vacuously
        assertTrue(KitFiles.policyFiles().size() >= 5, "policies found: " + KitFiles.policyFiles());
        assertTrue(KitFiles.terraformFiles().size() > 0, "terraform files found: " + KitFiles.terraformFiles());
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyParses() {
        return parseEach(KitFiles.policyFiles());
    }

    @TestFactory
    Stream<DynamicTest> everyTerraformFileParses() {
        return parseEach(KitFiles.terraformFiles());
    }

    @TestFactory
    Stream<DynamicTest> terraformHasOnlyTopLevelBlocks() {
        // a block that lost its "{" leaves its attributes at the top level, where hcl4j keeps them quietly
        Set<String> blocks = Set.of("terraform", "provider", "variable", "locals", "resource", "data", "output",
                "module", "moved", "import", "check");
        return KitFiles.terraformFiles().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertTrue(blocks.containsAll(KitFiles.parse(f).keySet()), f + ": " + KitFiles.parse(f)
                        .keySet())));
    }

    private static Stream<DynamicTest> parseEach(List<Path> files) {
        return files.stream().map(f -> DynamicTest.dynamicTest(KitFiles.ROOT.relativize(f).toString(),
                () -> assertFalse(KitFiles.parse(f).isEmpty(), f + " parsed to nothing")));
    }
}
