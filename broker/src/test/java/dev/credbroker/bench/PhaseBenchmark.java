package dev.credbroker.bench;

import ch.qos.logback.classic.Level;
import dev.credbroker.e2e.HarnessAccess;
import dev.credbroker.phase.PhaseSettings;
import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput, latency and memory of whole run phases against vault-sim, in one JVM with the broker. Each
 * phase is what a runner sidecar does: a workload token minted by the broker's issuer, {@code POST /v1/phases}
 * for AWS iam_user + Azure + a GCP roleset key (one Vault login, three reads, three leases), one heartbeat,
 * {@code DELETE}. Then a crash: K phases opened and never closed, the broker's clock moved past the heartbeat
 * timeout, and {@link Reaper#sweep()} timed until every one is revoked in vault-sim.
 *
 * <p>Prints figures, asserts nothing about speed (house rule). Options, all optional:
 * {@code --db h2|pg --iterations 300 --concurrency 1,4,8 --warmup 100 --reap 200}, and {@code --no-gcp} to
 * leave out the GCP key, whose RSA key generation inside vault-sim costs more CPU than the broker does.
 */
public final class PhaseBenchmark {
    private static final double MS = 1_000_000.0;
    private static final long MIB = 1024 * 1024;

    private final HarnessAccess harness;
    private final Map<String, String> variables;
    /** The first answer of each kind that was not what a runner expects, printed once so errors have a cause. */
    private final Map<String, Boolean> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

    private PhaseBenchmark(HarnessAccess harness, boolean gcp) {
        this.harness = harness;
        this.variables = gcp ? harness.awsAzureGcpVariables() : harness.awsAzureVariables();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // The broker logs every phase at INFO; on a console that is what would be measured.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        header(options);
        long started = System.nanoTime();
        Memory boot = Memory.now();
        try (HarnessAccess harness = options.db.equals("pg")
                ? HarnessAccess.onPostgres("bench_" + Long.toHexString(System.nanoTime()))
                : HarnessAccess.onH2()) {
            Memory up = Memory.now();
            System.out.printf("startup: %.1f s, heap after GC %d MiB -> %d MiB, RSS %d MiB -> %d MiB (JVM only;"
                            + " PostgreSQL runs as its own processes)%n%n", (System.nanoTime() - started) / 1e9,
                    boot.heapMib, up.heapMib, boot.rssMib, up.rssMib);
            rsaCalibration();
            PhaseBenchmark bench = new PhaseBenchmark(harness, !options.noGcp);
            int maxRunners = Arrays.stream(options.concurrency).max().orElse(1);
            Result warm = bench.run(options.warmup, maxRunners);
            System.out.printf("warm-up: %d phases at %d runners, %d errors%n%n", options.warmup, maxRunners, warm.errors);

            System.out.println(Result.HEADER);
            for (int runners : options.concurrency) {
                System.out.println(bench.run(options.iterations, runners).row(options.db, runners));
            }
            System.out.println();
            bench.crash(options.reap);
        }
        System.out.printf("%ntotal: %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    private static void header(Options options) {
        System.out.printf("PhaseBenchmark %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf("JDK %s (%s), %d cores, max heap %d MiB, JVM args %s%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MIB, ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("db=%s iterations=%d concurrency=%s warmup=%d reap=%d phase=%s%n", options.db,
                options.iterations, Arrays.toString(options.concurrency), options.warmup, options.reap,
                options.noGcp ? "AWS iam_user + Azure (--no-gcp)" : "AWS iam_user + Azure + GCP roleset key");
    }

    /**
     * vault-sim's GCP engine makes a real RSA-2048 key for every service-account key it hands out, so part of
     * each open is spent there rather than in the broker; this is how long one such key takes on this machine.
     */
    private static void rsaCalibration() throws Exception {
        long[] took = new long[20];
        for (int i = -5; i < took.length; i++) {
            java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            long t = System.nanoTime();
            gen.generateKeyPair();
            if (i >= 0) {
                took[i] = System.nanoTime() - t;
            }
        }
        System.out.printf("calibration: one RSA-2048 key pair (vault-sim makes one per GCP key read) p50 %.1f ms,"
                + " p95 %.1f ms%n%n", Steps.percentile(took, took.length, 50), Steps.percentile(took, took.length, 95));
    }

    /** {@code phases} whole phases shared out over {@code runners} threads, each with its own HTTP client. */
    private Result run(int phases, int runners) throws Exception {
        Memory before = Memory.now();
        long vaultBefore = harness.sim().requestCount();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Steps all = new Steps(phases);
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        long start = System.nanoTime();
        List<Future<Steps>> futures = new ArrayList<>();
        for (int r = 0; r < runners; r++) {
            futures.add(pool.submit(() -> {
                HarnessAccess.Sidecar sidecar = harness.sidecar();
                Steps mine = new Steps(phases);
                while (next.getAndIncrement() < phases) {
                    if (!phase(sidecar, mine)) {
                        errors.incrementAndGet();
                    }
                }
                return mine;
            }));
        }
        for (Future<Steps> f : futures) {
            all.add(f.get());
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        long vaultRequests = harness.sim().requestCount() - vaultBefore;
        return new Result(phases, wall, all, errors.get(), vaultRequests, before, Memory.now());
    }

    /** One phase; false when any step did not answer as a runner expects. */
    private boolean phase(HarnessAccess.Sidecar sidecar, Steps steps) {
        try {
            long t0 = System.nanoTime();
            String token = harness.token("plan");
            long t1 = System.nanoTime();
            HarnessAccess.Reply opened = sidecar.open(token, variables);
            long t2 = System.nanoTime();
            if (opened.status() != 201) {
                return error("open", opened);
            }
            HarnessAccess.Reply beat = sidecar.heartbeat(token, opened.phaseId());
            long t3 = System.nanoTime();
            HarnessAccess.Reply closed = sidecar.close(token, opened.phaseId());
            long t4 = System.nanoTime();
            steps.record(t1 - t0, t2 - t1, t3 - t2, t4 - t3);
            return (beat.status() == 200 || error("heartbeat", beat)) & (closed.status() == 204 || error("close", closed));
        } catch (RuntimeException e) {
            if (errorKinds.putIfAbsent(e.toString(), true) == null) {
                System.out.println("  first error of its kind: " + e);
            }
            return false;
        }
    }

    private boolean error(String step, HarnessAccess.Reply reply) {
        String kind = step + " " + reply.status() + " " + reply.body().get("type");
        if (errorKinds.putIfAbsent(kind, true) == null) {
            System.out.println("  first error of its kind: " + kind + " " + reply.body());
        }
        return false;
    }

    /** Opens {@code k} phases, loses their runner, and times the reaper revoking them all. */
    private void crash(int k) throws Exception {
        HarnessAccess.Sidecar sidecar = harness.sidecar();
        List<String> leaseIds = new ArrayList<>();
        int refused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> opening = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            opening.add(pool.submit(() -> {
                String token = harness.token("plan");
                HarnessAccess.Reply opened = sidecar.open(token, variables);
                if (opened.status() != 201) {
                    error("open", opened);
                    return null;
                }
                return sidecar.status(token, opened.phaseId()).leaseIds();
            }));
        }
        for (Future<List<String>> f : opening) {
            List<String> ids = f.get();
            if (ids == null) {
                refused++;
            } else {
                leaseIds.addAll(ids);
            }
        }
        pool.shutdown();
        long liveBefore = leaseIds.stream().filter(harness.sim()::leaseExists).count();
        System.out.printf("crash recovery: %d phases opened (%d refused), %d of their %d leases live in vault-sim%n",
                k - refused, refused, liveBefore, leaseIds.size());

        MutableClock clock = harness.context().getBean(MutableClock.class);
        Reaper reaper = harness.context().getBean(Reaper.class);
        Duration timeout = harness.context().getBean(PhaseSettings.class).heartbeatTimeout();
        long vaultBefore = harness.sim().requestCount();
        List<String> sweeps = new ArrayList<>();
        int total = 0;
        long start = System.nanoTime();
        long firstNanos = 0;
        int first = 0;
        try {
            clock.advance(timeout.plusMinutes(1));
            for (int s = 0; s < 20; s++) {
                long t = System.nanoTime();
                int revoked = reaper.sweep();
                long took = System.nanoTime() - t;
                if (s == 0) {
                    first = revoked;
                    firstNanos = took;
                }
                sweeps.add(String.format("%d in %.0f ms", revoked, took / MS));
                total += revoked;
                if (revoked == 0) {
                    break;
                }
            }
        } finally {
            clock.reset();
        }
        long allNanos = System.nanoTime() - start;
        long vaultRequests = harness.sim().requestCount() - vaultBefore;
        long stillLive = leaseIds.stream().filter(harness.sim()::leaseExists).count();
        System.out.printf("  first sweep: %d sessions in %.0f ms = %.1f sessions/s%n", first, firstNanos / MS,
                first / (firstNanos / 1e9));
        System.out.printf("  all sweeps until one finds nothing: %s%n", String.join(", ", sweeps));
        System.out.printf("  total: %d sessions in %.0f ms = %.1f sessions/s, %.2f Vault requests per session%n",
                total, allNanos / MS, total / (allNanos / 1e9), total == 0 ? 0.0 : (double) vaultRequests / total);
        System.out.printf("  leases of the lost phases still live in vault-sim afterwards: %d (%s)%n", stillLive,
                stillLive == 0 ? "OK" : "NOT REVOKED");
    }

    /** Latencies in nanoseconds, one slot per phase, per step. */
    private static final class Steps {
        long[] mint;
        long[] open;
        long[] heartbeat;
        long[] close;
        int n;

        Steps(int capacity) {
            mint = new long[capacity];
            open = new long[capacity];
            heartbeat = new long[capacity];
            close = new long[capacity];
        }

        void record(long m, long o, long h, long c) {
            mint[n] = m;
            open[n] = o;
            heartbeat[n] = h;
            close[n] = c;
            n++;
        }

        void add(Steps other) {
            for (int i = 0; i < other.n; i++) {
                record(other.mint[i], other.open[i], other.heartbeat[i], other.close[i]);
            }
        }

        static double percentile(long[] values, int n, double p) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * n);
            return sorted[Math.max(0, rank - 1)] / MS;
        }
    }

    private record Result(int phases, long wallNanos, Steps steps, int errors, long vaultRequests, Memory before,
                          Memory after) {
        static final String HEADER = String.format("%-10s %6s %8s %6s | %7s %7s %7s | %6s | %7s %7s %7s | %6s %9s | %13s %13s",
                "config", "phases", "phases/s", "mint50", "open50", "open95", "open99", "hb50", "close50", "close95",
                "close99", "errors", "vault/ph", "heap MiB b->a", "RSS MiB b->a");

        String row(String db, int runners) {
            Steps s = steps;
            return String.format("%-10s %6d %8.1f %6.2f | %7.1f %7.1f %7.1f | %6.1f | %7.1f %7.1f %7.1f | %6d %9.2f | %13s %13s",
                    db + " c=" + runners, phases, phases / (wallNanos / 1e9), Steps.percentile(s.mint, s.n, 50),
                    Steps.percentile(s.open, s.n, 50), Steps.percentile(s.open, s.n, 95),
                    Steps.percentile(s.open, s.n, 99), Steps.percentile(s.heartbeat, s.n, 50),
                    Steps.percentile(s.close, s.n, 50), Steps.percentile(s.close, s.n, 95),
                    Steps.percentile(s.close, s.n, 99), errors, (double) vaultRequests / phases,
                    before.heapMib + "->" + after.heapMib, before.rssMib + "->" + after.rssMib);
        }
    }

    /** Heap in use after a full GC, and the process's resident set from /proc. */
    private record Memory(long heapMib, long rssMib) {
        static Memory now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
            return new Memory(heap, rssKib() / 1024);
        }

        private static long rssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux: report -1 rather than fail the run
            }
            return -1024;
        }
    }

    private record Options(String db, int iterations, int[] concurrency, int warmup, int reap, boolean noGcp) {
        static Options parse(String[] args) {
            String db = "h2";
            int iterations = 300;
            int[] concurrency = {1, 4, 8};
            int warmup = 100;
            int reap = 200;
            boolean noGcp = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].isBlank()) {
                    continue; // the Maven profile passes an empty bench.extra
                }
                if (args[i].equals("--no-gcp")) {
                    noGcp = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--db" -> db = value;
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--reap" -> reap = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --db h2|pg --iterations N --concurrency 1,4,8 --warmup N --reap K [--no-gcp]");
                }
                i++;
            }
            if (!db.equals("h2") && !db.equals("pg")) {
                throw new IllegalArgumentException("--db is h2 or pg, not " + db);
            }
            return new Options(db, iterations, concurrency, warmup, reap, noGcp);
        }
    }
}
