package dev.credbroker.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's jar ({@code broker/target/broker-VERSION.jar}, packaged before this module's tests run) carries
 * neither vault-sim nor the demo: test machinery an attacker could reach has no place in what is deployed.
 */
class ServerJarTest {
    private static final Path SERVER_JAR = Path.of(System.getProperty("credbroker.server-jar"));

    @Test
    void theServerJarShouldHoldNoVaultSimAndNoDemoClasses() throws IOException {
        try (JarFile jar = new JarFile(SERVER_JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(names.contains("dev/credbroker/Application.class"), "the server's own jar: " + SERVER_JAR);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("io/micronaut/")), "a shaded jar: " + SERVER_JAR);
            assertEquals(List.of(), names.stream()
                    .filter(n -> n.startsWith("dev/credbroker/vaultsim/") || n.startsWith("dev/credbroker/demo/"))
                    .toList());
        }
    }

    @Test
    void theServerJarShouldCallDemoAndDevUnknownCommands(@TempDir Path cwd) throws Exception {
        for (String command : List.of("demo", "dev")) {
            Path out = cwd.resolve(command + ".out");
            Path err = cwd.resolve(command + ".err");
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", SERVER_JAR.toString(), command)
                    .directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(java.waitFor(2, TimeUnit.MINUTES), "hang guard");
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(2, java.exitValue(), stderr);
            assertEquals("credbroker: unknown command '" + command + "' (see 'credbroker --help')\n", stderr);
            assertEquals("", Files.readString(out, StandardCharsets.UTF_8));
        }
    }
}
