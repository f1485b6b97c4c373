package dev.credbroker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's packages form no cycle (issue 13: {@code cli ⇄ cli.phase}, {@code cli ⇄ cli.audit},
 * {@code dev.credbroker ⇄ cli}, {@code cli → demo → cli.phase}): each can be read, and changed, knowing only
 * what it uses. The shared pieces of the command line live in {@code cli.runtime}, below every command package.
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void mainSourcesShouldHaveNoPackageCycle() {
        PackageGraph graph = PackageGraph.of(MAIN);
        assertTrue(graph.uses("dev.credbroker.cli").contains("dev.credbroker.cli.phase"), "the graph was read");
        assertEquals(List.of(), graph.cycles());
    }

    @Test
    void theCliRuntimeShouldUseNoCommandPackage() {
        Set<String> used = PackageGraph.of(MAIN).uses("dev.credbroker.cli.runtime");
        assertTrue(used.stream().noneMatch(p -> p.equals("dev.credbroker") || p.startsWith("dev.credbroker.cli")),
                used.toString());
    }

    @Test
    void anImportBackFromCliPhaseShouldBeFoundAsACycle(@TempDir Path copy) throws IOException {
        copyMainSources(copy);
        Path exception = copy.resolve("dev/credbroker/cli/phase/PhaseCliException.java");
        Files.writeString(exception, Files.readString(exception).replace("import dev.credbroker.cli.runtime.ExitCodes;",
                "import dev.credbroker.cli.runtime.ExitCodes;\nimport dev.credbroker.cli.CredbrokerCommand;"));
        assertEquals(List.of(Set.of("dev.credbroker.cli", "dev.credbroker.cli.phase")), PackageGraph.of(copy).cycles());
    }

    @Test
    void aFullyQualifiedNameInCodeShouldCountButOneInACommentOrStringShouldNot(@TempDir Path copy)
            throws IOException {
        copyMainSources(copy);
        Path client = copy.resolve("dev/credbroker/cli/phase/BrokerClient.java");
        String source = Files.readString(client);
        int body = source.indexOf('{', source.indexOf("public final class BrokerClient")) + 1;
        Files.writeString(client, source.substring(0, body) + "\n    // dev.credbroker.Application.main\n"
                + "    static final String MAIN = \"dev.credbroker.Application\";\n" + source.substring(body));
        assertEquals(List.of(), PackageGraph.of(copy).cycles(), "a comment or a string is no dependency");

        Files.writeString(client, source.substring(0, body)
                + "\n    static final Class<?> MAIN = dev.credbroker.Application.class;\n" + source.substring(body));
        assertEquals(List.of(Set.of("dev.credbroker", "dev.credbroker.cli", "dev.credbroker.cli.phase")),
                PackageGraph.of(copy).cycles());
    }

    private static void copyMainSources(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(MAIN.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
