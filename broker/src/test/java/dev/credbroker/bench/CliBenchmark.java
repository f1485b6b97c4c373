package dev.credbroker.bench;

import ch.qos.logback.classic.Level;
import dev.credbroker.Application;
import dev.credbroker.e2e.HarnessAccess;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one runner-side CLI call costs: {@code credbroker phase open} (then {@code phase close}) as a process of
 * its own, the way an agent hook runs it, against a broker + vault-sim running in this JVM. Prints each call's
 * wall time (process start to exit) and peak RSS (VmHWM of the CLI process, sampled from /proc every few ms),
 * then p50/max against the goal (1.5 s, 128 MB). With GNU time at /usr/bin/time the figures are its own
 * (and CPU time is shown: on a loaded machine wall time says more about the neighbours than about the CLI). Run by {@code bench/run-cli-benchmark.sh}; never by
 * {@code mvn verify}. Arguments: runs, the broker jar (blank: the test classpath), JVM options for the CLI.
 */
public final class CliBenchmark {
    private static final double GOAL_SECONDS = 1.5;
    private static final long GOAL_MIB = 128;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** {@code -jar broker.jar} as a user runs it, or the test classpath (many jars: slower to load from). */
    private static List<String> launcher;

    private CliBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String jar = args.length > 1 && !args[1].isBlank() ? args[1].trim() : null;
        List<String> jvmOptions = args.length > 2 && !args[2].isBlank() ? List.of(args[2].trim().split("\\s+")) : List.of();
        launcher = jar == null ? List.of("-cp", System.getProperty("java.class.path"), Application.class.getName())
                : List.of("-jar", jar);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path work = Files.createTempDirectory("cli-bench");
        try (HarnessAccess harness = HarnessAccess.onH2()) {
            Path vars = work.resolve("vars.env");
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, String> e : harness.awsAzureVariables().entrySet()) {
                text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            Files.writeString(vars, text);
            System.out.printf("CLI benchmark: %d x 'phase open' + 'phase close' (AWS + Azure) against %s, %s, JVM options %s,"
                    + " %d CPUs%n", runs, harness.url(), jar == null ? "test classpath" : jar, jvmOptions,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-4s %9s %9s %9s %9s %9s %9s%n", "run", "open s", "open cpu", "open MiB", "close s",
                    "close cpu", "close MiB");
            List<Sample> opens = new ArrayList<>();
            List<Sample> closes = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                Path token = work.resolve("token-" + i);
                Files.writeString(token, harness.token("plan"));
                Path out = work.resolve("run-" + i);
                Sample open = cli(jvmOptions, "phase", "open", "--broker", harness.url().toString(), "--token-file",
                        token.toString(), "--variables-file", vars.toString(), "--out-dir", out.toString());
                Sample close = cli(jvmOptions, "phase", "close", "--broker", harness.url().toString(), "--token-file",
                        token.toString(), "--out-dir", out.toString(), "--wipe");
                if (i == 0) {
                    System.out.printf("%-4s %9.2f %9.2f %9d %9.2f %9.2f %9d  (warm-up: file cache, not counted)%n", "0",
                            open.seconds, open.cpuSeconds, open.rssMib, close.seconds, close.cpuSeconds, close.rssMib);
                    continue;
                }
                opens.add(open);
                closes.add(close);
                System.out.printf("%-4d %9.2f %9.2f %9d %9.2f %9.2f %9d%n", i, open.seconds, open.cpuSeconds, open.rssMib,
                        close.seconds, close.cpuSeconds, close.rssMib);
            }
            HarnessAccess.Sidecar sidecar = harness.sidecar();
            long t0 = System.nanoTime();
            String inJvmToken = harness.token("plan");
            HarnessAccess.Reply opened = sidecar.open(inJvmToken, harness.awsAzureVariables());
            long t1 = System.nanoTime();
            sidecar.close(inJvmToken, opened.phaseId());
            long t2 = System.nanoTime();
            System.out.printf("for comparison, the same calls from this JVM (broker-side time): open %.2f s (status %d),"
                    + " close %.2f s%n", (t1 - t0) / 1e9, opened.status(), (t2 - t1) / 1e9);
            report("phase open", opens);
            report("phase close", closes);
        }
        System.exit(0);
    }

    private record Sample(double seconds, double cpuSeconds, long rssMib) {
    }

    private static void report(String what, List<Sample> samples) {
        double[] s = samples.stream().mapToDouble(Sample::seconds).sorted().toArray();
        long maxRss = samples.stream().mapToLong(Sample::rssMib).max().orElse(-1);
        double p50 = s[s.length / 2];
        double max = s[s.length - 1];
        double[] cpu = samples.stream().mapToDouble(Sample::cpuSeconds).sorted().toArray();
        System.out.printf("%s: wall p50 %.2f s, max %.2f s; CPU (user+sys) p50 %.2f s; peak RSS max %d MiB;"
                        + " load average %s; goal <= %.1f s, <= %d MiB: %s%n",
                what, p50, max, cpu[cpu.length / 2], maxRss, loadAverage(), GOAL_SECONDS, GOAL_MIB,
                max <= GOAL_SECONDS && maxRss <= GOAL_MIB ? "met" : "NOT met");
    }

    private static Sample cli(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        Path timeFile = Files.createTempFile("cli-bench", ".time");
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        if (gnuTime) {
            // exact figures where GNU time exists: wall, user + system CPU, peak RSS in KiB
            command.addAll(List.of(GNU_TIME.toString(), "-o", timeFile.toString(), "-f", "%e %U %S %M"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launcher);
        command.addAll(Arrays.asList(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peakKib = -1;
        while (!p.waitFor(3, TimeUnit.MILLISECONDS)) {
            if (!gnuTime) {
                peakKib = Math.max(peakKib, hwmKib(status));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args).split(" --")[0] + " exited " + p.exitValue());
        }
        double cpu = -1;
        if (gnuTime) {
            String[] f = Files.readString(timeFile).strip().split("\\s+");
            seconds = Double.parseDouble(f[0]);
            cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
            peakKib = Long.parseLong(f[3]);
        }
        Files.deleteIfExists(timeFile);
        return new Sample(seconds, cpu, peakKib < 0 ? -1 : peakKib / 1024);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** VmHWM (peak resident set) of a live process; -1 once it is gone or off Linux. */
    private static long hwmKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException | java.io.UncheckedIOException e) {
            // the process ended between two samples
        }
        return -1;
    }
}
