package dev.credbroker.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The broker as an operator runs it: a JVM of its own ({@code java -cp <classpath> dev.credbroker.Application}),
 * configured through environment variables only, started in its own working directory (where the default H2
 * URL {@code ./data/credbroker} lands), its stdout and stderr in a file under {@code target/process-crash/}.
 * Restarting starts a new process on the same directory, port and environment.
 */
final class ProcessCrashBroker implements AutoCloseable {
    static final String MAIN_CLASS = "dev.credbroker.Application";

    private final String name;
    private final Path workDir;
    private final int port;
    private final Map<String, String> environment;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param environment everything the broker is told, as environment variables; {@code BROKER_PORT} is added
     */
    ProcessCrashBroker(String name, Path workDir, int port, Map<String, String> environment) {
        this.name = name;
        this.workDir = workDir;
        this.port = port;
        this.environment = new LinkedHashMap<>(environment);
        this.environment.put("BROKER_PORT", Integer.toString(port));
        this.logDir = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("process-crash");
    }

    /** A port free right now, for a broker that must come back on the same one (Vault fetches its JWKS there). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The file the current (or last) process writes its output to. */
    Path log() {
        return log;
    }

    int starts() {
        return starts;
    }

    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + name + " is already running");
        }
        starts++;
        try {
            Files.createDirectories(logDir);
            log = logDir.resolve(name + "-" + starts + ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // small and quick to start: four of these run one after another on a 2-core CI machine
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classpath(), MAIN_CLASS);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // Only what this test says: nothing the surrounding shell or CI might have set for a broker.
            builder.environment().keySet().removeIf(key -> key.startsWith("BROKER_") || key.startsWith("MICRONAUT_")
                    || key.startsWith("DATASOURCES_") || key.equals("JAVA_TOOL_OPTIONS")
                    || key.equals("JDK_JAVA_OPTIONS"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code GET /health} to answer 200 (database included); fails early if the process died. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("broker " + name + " exited with " + process.exitValue()
                        + " before it was healthy; see " + log + "\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(url().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("broker " + name + " not healthy within " + timeout + "; see " + log + "\n" + tail());
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the broker's shutdown hooks run (H2 closes its file cleanly), then it is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("broker " + name + " (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines of the current log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The broker's runtime classpath, taken from this test JVM: Surefire's {@code java.class.path} (or, when it
     * forks with a manifest-only booter jar, that jar's {@code Class-Path}) without the test classes, so the
     * child reads {@code application.yml} and nothing from {@code src/test/resources}.
     */
    static String classpath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        if (entries.size() == 1 && entries.get(0).toString().endsWith(".jar")) {
            entries = manifestClassPath(entries.get(0));
        }
        List<String> kept = new ArrayList<>();
        boolean main = false;
        for (Path entry : entries) {
            if (entry.getFileName() != null && entry.getFileName().toString().equals("test-classes")) {
                continue;
            }
            main |= Files.isRegularFile(entry.resolve(MAIN_CLASS.replace('.', '/') + ".class"));
            kept.add(entry.toString());
        }
        if (!main) {
            throw new IllegalStateException("no " + MAIN_CLASS + " on the test classpath " + entries);
        }
        return String.join(File.pathSeparator, kept);
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of(jar);
            }
            List<Path> entries = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                entries.add(Path.of(jar.getParent().toUri().resolve(entry)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
