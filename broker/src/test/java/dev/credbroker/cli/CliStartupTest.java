package dev.credbroker.cli;

import dev.credbroker.Application;
import dev.credbroker.cli.runtime.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line as a user runs it: {@code java dev.credbroker.Application …} in a fresh working directory, a
 * process of its own. {@code --help}, {@code --version} and every subcommand's {@code --help} answer at once and
 * leave the directory empty (no H2 file, no issuer keys under {@code ./data}); {@code serve --help} starts no
 * server; a runner-side {@code phase} command starts no application context either.
 */
class CliStartupTest {
    /**
     * A hang guard only: these take about 0.5 s on an idle machine, but wall time on 2 shared cores under load says
     * little. That no application context starts is checked through the classes the JVM loaded.
     */
    private static final long HELP_BUDGET_MILLIS = 20_000;
    /** Loaded by every Micronaut application context start, and by nothing else. */
    private static final String CONTEXT_CLASS = "io.micronaut.context.DefaultApplicationContext ";

    @TempDir
    Path cwd;

    record Run(int code, String out, String err, long millis, String loadedClasses) {
        void assertNoContext(String what) {
            assertFalse(loadedClasses.isEmpty(), "class loading log of " + what);
            assertFalse(loadedClasses.contains(CONTEXT_CLASS), what + " started an application context");
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Path classes = Files.createTempFile("cli", ".classes");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classes, "-cp", classpath, Application.class.getName()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("TFC_WORKLOAD_IDENTITY_TOKEN");
            long start = System.nanoTime();
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "credbroker " + String.join(" ", args) + " did not end");
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis, Files.readString(classes, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(classes);
        }
    }

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "the CLI wrote into its working directory");
        }
    }

    @Test
    void helpShouldListCommandsQuicklyAndWriteNothing() throws Exception {
        Run help = run("--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: credbroker"), help.out());
        for (String command : List.of("serve", "phase", "mint-token", "rotate-keys")) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
        assertTrue(help.millis() < HELP_BUDGET_MILLIS, "--help took " + help.millis() + " ms");
        help.assertNoContext("--help");
        assertNothingWritten();
    }

    @Test
    void versionShouldPrintTheBuiltVersionOnEveryCommand() throws Exception {
        String expected = "credbroker " + BuildVersion.version();
        assertTrue(BuildVersion.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
                "filtered from the POM: " + BuildVersion.version());
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"},
                new String[] {"phase", "open", "--version"}, new String[] {"serve", "--version"})) {
            Run version = run(args);
            assertEquals(0, version.code(), version.err());
            assertEquals(expected, version.out().strip(), String.join(" ", args));
            assertTrue(version.millis() < HELP_BUDGET_MILLIS, String.join(" ", args) + " took " + version.millis() + " ms");
            version.assertNoContext(String.join(" ", args));
        }
        assertNothingWritten();
    }

    @Test
    void everySubcommandsHelpShouldBeSideEffectFreeAndServeHelpShouldStartNoServer() throws Exception {
        for (String command : List.of("serve", "phase", "phase open", "phase heartbeat", "phase status",
                "phase close", "mint-token", "rotate-keys", "issuer", "issuer export-pem")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Run help = run(args.toArray(String[]::new));
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: credbroker " + command + " "), help.out());
            assertTrue(help.millis() < HELP_BUDGET_MILLIS, command + " --help took " + help.millis() + " ms");
            assertFalse(help.err().contains("Startup completed"), command + " started a server: " + help.err());
            help.assertNoContext(command + " --help");
        }
        assertNothingWritten();
    }

    @Test
    void phaseCommandsShouldRunWithoutTheServersContext() throws Exception {
        Path token = Files.createTempFile("token", ".jwt");
        try {
            Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n");
            Run status = run("phase", "status", "--broker", "http://127.0.0.1:9", "--phase-id",
                    "5d2c1c9e-0000-4000-8000-000000000001", "--token-file", token.toString(), "--timeout", "5s");
            assertEquals(ExitCodes.FAILURE, status.code(), status.err());
            assertEquals("credbroker: cannot reach the broker at http://127.0.0.1:9 (ConnectException)",
                    status.err().strip());
            assertEquals("", status.out());
            status.assertNoContext("phase status");
        } finally {
            Files.delete(token);
        }
        assertNothingWritten();
    }
}
