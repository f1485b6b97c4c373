package dev.credbroker.bench;

import dev.credbroker.vaultsim.setup.DemoVaultSetup;
import dev.credbroker.vaultsim.setup.DemoWorkspace;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker against "direct" Vault use, each in its own process: vault-sim ({@code VaultSimMain}, its own
 * JVM), the broker (its shaded jar, configured with environment variables only, as the README says) and this
 * driver (the runners). Prints, in one run:
 * <ul>
 *   <li>open and close p50/p99 and throughput, direct and through the broker, at each concurrency, and their
 *       ratios. <b>Direct</b> is what a careful runner scripts against the same Vault: JWT login with the
 *       workload token, read AWS iam_user, Azure and GCP roleset-key credentials (open); revoke each lease with
 *       {@code sys/leases/revoke} ({@code sync=true}), then the token with {@code auth/token/revoke-self}
 *       (close). <b>Broker</b> is {@code POST /v1/phases} (open) and {@code DELETE /v1/phases/{id}} (close;
 *       204 means Vault confirmed). Workload tokens for both come from the broker's issuer
 *       ({@code POST /v1/issuer/tokens}), minted before each timed point and not timed;</li>
 *   <li>Vault requests per phase, and on PostgreSQL SQL transactions per phase
 *       ({@code pg_stat_database.xact_commit + xact_rollback} of the broker's database);</li>
 *   <li>the broker's RSS (VmRSS) after startup, after the measured points and after {@code --rss-phases};</li>
 *   <li>kill -9 recovery: phases opened, the broker SIGKILLed, restarted on the same database with a short
 *       heartbeat timeout, and the time until vault-sim holds no live lease or token of those phases.</li>
 * </ul>
 * Asserts nothing about speed (house rule). Not a test: {@code bench/run-process-benchmark.sh} runs it.
 */
public final class ProcessBenchmark {
    private static final double MS = 1_000_000.0;
    private static final String DIRECT_ROLE = "bench-direct-plan";

    private final Options options;
    private final Path work;
    private final JsonHttp driverHttp = new JsonHttp();
    private final Map<String, Boolean> errorKinds = new ConcurrentHashMap<>();
    private URI simAddress;
    private URI simAdmin;
    private String rootToken;
    private URI brokerUrl;
    private String orchestrator;
    private Map<String, String> variables;
    private SqlCounter sql;
    private Map<String, String> brokerEnv;
    private BenchProcess simProcess;
    private BenchProcess brokerProcess;

    private ProcessBenchmark(Options options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // zonky's PostgreSQL start-up chatter would bury the figures
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = options.workDir.resolve(options.db + "-"
                + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(work);
        long started = System.nanoTime();
        System.out.printf("ProcessBenchmark %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf("JDK %s, %d cores, db=%s iterations=%d concurrency=%s warmup=%d crash=%d rss-phases=%d%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), options.db,
                options.iterations, Arrays.toString(options.concurrency), options.warmup, options.crash,
                options.rssPhases);
        System.out.printf("broker JVM flags: %s%n", options.brokerJvm.isEmpty() ? "(none: JVM defaults)" : String.join(" ", options.brokerJvm));
        System.out.printf("vault-sim JVM flags: %s%n", String.join(" ", options.simJvm));
        System.out.printf("work dir (logs, H2 file, keys): %s%n", work);
        System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        EmbeddedPostgres pg = null;
        int code = 0;
        try {
            ProcessBenchmark bench = new ProcessBenchmark(options, work);
            if (options.db.equals("pg")) {
                pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true).start();
                bench.sql = SqlCounter.postgres(pg, "bench");
            }
            bench.run(pg);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            code = 1;
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
        System.out.printf("%ntotal: %.1f s; load average at the end: %.2f%n", (System.nanoTime() - started) / 1e9,
                BenchProcess.loadAverage());
        System.exit(code);
    }

    private void run(EmbeddedPostgres pg) throws Exception {
        Path simDir = work.resolve("sim");
        List<String> simCommand = BenchProcess.java(options.simJvm);
        simCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.credbroker.vaultsim.VaultSimMain",
                "--out-dir", simDir.toString()));
        try (BenchProcess sim = BenchProcess.start("vault-sim", simCommand, Map.of(), work, work.resolve("vault-sim.log"))) {
            simAddress = URI.create(sim.awaitFile(simDir.resolve("vault-addr"), 30_000));
            simAdmin = URI.create(Files.readString(simDir.resolve("admin-addr")).strip());
            rootToken = Files.readString(simDir.resolve("root-token")).strip();
            simProcess = sim;
            System.out.printf("vault-sim pid %d at %s%n", sim.pid(), simAddress);

            int port = BenchProcess.freePort();
            brokerUrl = URI.create("http://127.0.0.1:" + port);
            Path keyDir = work.resolve("issuer-keys");
            Path reaperFile = work.resolve("reaper-token");
            brokerEnv = new LinkedHashMap<>();
            brokerEnv.put("BROKER_PORT", Integer.toString(port));
            brokerEnv.put("BROKER_ISSUER_URL", brokerUrl.toString());
            brokerEnv.put("BROKER_ISSUER_KEY_DIR", keyDir.toString());
            brokerEnv.put("BROKER_VAULT_ADDR", simAddress.toString());
            brokerEnv.put("BROKER_VAULT_REVOCATION_TOKEN_FILE", reaperFile.toString());
            if (pg != null) {
                brokerEnv.put("BROKER_DB_URL", pg.getJdbcUrl("postgres", "bench"));
                brokerEnv.put("BROKER_DB_DRIVER", "org.postgresql.Driver");
                brokerEnv.put("BROKER_DB_USER", "postgres");
                brokerEnv.put("BROKER_DB_PASSWORD", "");
            } // else: the default H2 file ./data/credbroker, relative to the work dir the broker runs in
            System.out.printf("broker env: %s (reaper token file and orchestrator credential: paths only)%n",
                    brokerEnv.keySet());

            BenchProcess broker = startBroker(Map.of(), "broker-1.log");
            brokerProcess = broker;
            try {
                long healthy = broker.awaitHealthy(brokerUrl.resolve("/health"), 120_000);
                System.out.printf("broker pid %d healthy %.1f s after launch%n", broker.pid(), (healthy - broker.startedNanos) / 1e9);
                configureVault(reaperFile);
                orchestrator = Files.readString(keyDir.resolve("orchestrator-token"), StandardCharsets.UTF_8).strip();
                Thread.sleep(1000);
                long rssStartup = broker.rssKib();

                int maxRunners = Arrays.stream(options.concurrency).max().orElse(1);
                for (Mode mode : Mode.values()) {
                    Point warm = point(mode, options.warmup, maxRunners);
                    System.out.printf("warm-up %-6s: %d phases at c=%d, %d errors%n", mode.label, options.warmup,
                            maxRunners, warm.errors);
                }
                double idleSqlPerSecond = sql == null ? 0 : idleSqlRate();
                System.out.println();
                System.out.println(Point.HEADER);
                List<Point> points = new ArrayList<>();
                for (int runners : options.concurrency) {
                    for (Mode mode : Mode.values()) {
                        Point p = point(mode, options.iterations, runners);
                        points.add(p);
                        System.out.println(p.row(sql != null, idleSqlPerSecond));
                    }
                }
                System.out.println();
                ratios(points);
                long rssAfterPoints = broker.rssKib();

                long rssAfterMany = -1;
                if (options.rssPhases > 0) {
                    Point many = point(Mode.BROKER, options.rssPhases, maxRunners);
                    rssAfterMany = broker.rssKib();
                    System.out.printf("%n%d more broker phases at c=%d: %.1f phases/s, open p50 %.1f p99 %.1f ms, "
                                    + "close p50 %.1f p99 %.1f ms, %d errors, broker CPU %.1f ms/phase, load %.1f%n",
                            options.rssPhases, maxRunners, many.throughput(), many.open(50), many.open(99),
                            many.close(50), many.close(99), many.errors,
                            (double) many.cpu.brokerMillis / many.phases, many.cpu.load);
                }
                System.out.printf("%nbroker RSS (VmRSS): after startup %s, after the measured points %s, after %d more"
                                + " phases %s; peak (VmHWM) %s%n", mib(rssStartup), mib(rssAfterPoints),
                        options.rssPhases, mib(rssAfterMany), mib(broker.peakRssKib()));
                System.out.printf("vault-sim RSS: %s (its own JVM, %s)%n%n", mib(sim.rssKib()), String.join(" ", options.simJvm));

                if (options.crash > 0) {
                    broker = crash(broker);
                }
            } finally {
                broker.close();
            }
        }
    }

    private BenchProcess startBroker(Map<String, String> extraEnv, String log) throws IOException {
        List<String> command = BenchProcess.java(options.brokerJvm);
        command.addAll(List.of("-jar", options.jar.toString()));
        Map<String, String> env = new LinkedHashMap<>(brokerEnv);
        env.putAll(extraEnv);
        return BenchProcess.start("broker", command, env, work, work.resolve(log));
    }

    /**
     * vault-sim configured by the demo's own setup (JWT auth trusting the broker's JWKS, roles demo-plan and
     * demo-apply, AWS/Azure/GCP engines, the reaper's token; no audit device), plus one role for the direct
     * runner: the same bound claims and policy, and {@code sys/leases/revoke} so it can revoke its leases
     * synchronously (revoke-self alone leaves a real Vault's lease revocation to its expiration manager).
     */
    private void configureVault(Path reaperFile) throws IOException {
        String issuer = brokerUrl.toString();
        DemoVaultSetup.Configured configured = new DemoVaultSetup(simAddress, rootToken)
                .configure(issuer, issuer + "/.well-known/jwks", DemoWorkspace.DEFAULT, null);
        Files.deleteIfExists(reaperFile);
        Files.createFile(reaperFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(reaperFile, configured.revocationToken());
        variables = configured.workspaceVariables();
        vault("PUT", "sys/policies/acl/bench-direct-revoke",
                Map.of("policy", "path \"sys/leases/revoke\" { capabilities = [\"update\"] }"));
        vault("POST", "auth/jwt/role/" + DIRECT_ROLE, Map.of(
                "role_type", "jwt",
                "user_claim", "terraform_full_workspace",
                "bound_audiences", List.of("vault.workload.identity"),
                "bound_claims_type", "glob",
                "bound_claims", Map.of("sub", DemoWorkspace.DEFAULT.subjectFor("plan")),
                "claim_mappings", Map.of("terraform_run_id", "run_id", "terraform_run_phase", "run_phase"),
                "token_policies", List.of("demo-run", "bench-direct-revoke"),
                "token_ttl", "20m",
                "token_max_ttl", "2h"));
        System.out.println("vault-sim configured: JWT auth trusting the broker's JWKS, AWS iam_user + Azure + GCP"
                + " roleset key engines, reaper token written (no audit device)");
    }

    private void vault(String method, String path, Map<String, ?> body) {
        JsonHttp.Reply reply = driverHttp.send(method, simAddress.resolve("/v1/" + path), JsonHttp.vaultToken(rootToken), body);
        if (reply.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.status() + " " + reply.why());
        }
    }

    /** Workload tokens for plan phases, minted by the broker's issuer; not timed. */
    private List<String> mint(int n) {
        List<String> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run_id", "run-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
            body.put("organization", DemoWorkspace.DEFAULT.organization());
            body.put("project", DemoWorkspace.DEFAULT.project());
            body.put("workspace", DemoWorkspace.DEFAULT.workspace());
            body.put("phase", "plan");
            body.put("audience", "vault.workload.identity");
            body.put("ttl_seconds", 3600);
            body.put("subject_format", "hcp");
            JsonHttp.Reply reply = driverHttp.send("POST", brokerUrl.resolve("/v1/issuer/tokens"),
                    JsonHttp.bearer(orchestrator), body);
            if (reply.status() != 201) {
                throw new IllegalStateException("minting answered " + reply.status() + " " + reply.why());
            }
            tokens.add((String) reply.body().get("token"));
        }
        return tokens;
    }

    private enum Mode {
        DIRECT("direct"), BROKER("broker");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** {@code phases} open+close pairs shared out over {@code runners} threads, each with its own HTTP client. */
    private Point point(Mode mode, int phases, int runners) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int done = 0; done < phases; done += 500) {
            tokens.addAll(mint(Math.min(500, phases - done)));
        }
        long sqlBefore = sql == null ? 0 : sql.settled();
        long vaultBefore = simRequests();
        double loadBefore = BenchProcess.loadAverage();
        long brokerCpu = brokerProcess.cpuMillis();
        long simCpu = simProcess.cpuMillis();
        long driverCpu = BenchProcess.cpuMillis(ProcessHandle.current().pid());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] open = new long[phases];
        long[] close = new long[phases];
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < runners; r++) {
            futures.add(pool.submit(() -> {
                JsonHttp http = new JsonHttp();
                for (int i = next.getAndIncrement(); i < phases; i = next.getAndIncrement()) {
                    if (!phase(mode, http, tokens.get(i), open, close, i)) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        Cpu cpu = new Cpu(brokerProcess.cpuMillis() - brokerCpu, simProcess.cpuMillis() - simCpu,
                BenchProcess.cpuMillis(ProcessHandle.current().pid()) - driverCpu,
                Math.max(loadBefore, BenchProcess.loadAverage()));
        long vaultRequests = simRequests() - vaultBefore;
        long sqlTx = sql == null ? 0 : sql.settled() - sqlBefore;
        return new Point(mode, runners, phases, wall, open, close, errors.get(), vaultRequests, sqlTx, cpu);
    }

    /** One open and close; false when any step did not answer as a runner expects. */
    private boolean phase(Mode mode, JsonHttp http, String token, long[] open, long[] close, int slot) {
        try {
            return mode == Mode.BROKER ? brokerPhase(http, token, open, close, slot) : directPhase(http, token, open, close, slot);
        } catch (RuntimeException e) {
            return error(mode.label + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private boolean brokerPhase(JsonHttp http, String token, long[] open, long[] close, int slot) {
        long t0 = System.nanoTime();
        JsonHttp.Reply opened = http.send("POST", brokerUrl.resolve("/v1/phases"), JsonHttp.bearer(token),
                Map.of("variables", variables));
        long t1 = System.nanoTime();
        if (opened.status() != 201) {
            return error("broker open " + opened.status() + " " + opened.why());
        }
        JsonHttp.Reply closed = http.send("DELETE", brokerUrl.resolve("/v1/phases/" + opened.body().get("phase_id")),
                JsonHttp.bearer(token), null);
        long t2 = System.nanoTime();
        open[slot] = t1 - t0;
        close[slot] = t2 - t1;
        return closed.status() == 204 || error("broker close " + closed.status() + " " + closed.why());
    }

    private static final List<String> DIRECT_READS = List.of("aws/creds/demo", "azure/creds/demo", "gcp/roleset/demo/key");

    private boolean directPhase(JsonHttp http, String token, long[] open, long[] close, int slot) {
        long t0 = System.nanoTime();
        JsonHttp.Reply login = http.send("POST", simAddress.resolve("/v1/auth/jwt/login"), Map.of(),
                Map.of("role", DIRECT_ROLE, "jwt", token));
        if (login.status() != 200) {
            return error("direct login " + login.status() + " " + login.why());
        }
        Map<String, String> vaultToken = JsonHttp.vaultToken((String) login.section("auth").get("client_token"));
        List<String> leases = new ArrayList<>();
        for (String path : DIRECT_READS) {
            JsonHttp.Reply read = http.send("GET", simAddress.resolve("/v1/" + path), vaultToken, null);
            if (read.status() != 200) {
                return error("direct read " + path + " " + read.status() + " " + read.why());
            }
            leases.add((String) read.body().get("lease_id"));
        }
        long t1 = System.nanoTime();
        boolean ok = true;
        for (String lease : leases) {
            JsonHttp.Reply revoked = http.send("PUT", simAddress.resolve("/v1/sys/leases/revoke"), vaultToken,
                    Map.of("lease_id", lease, "sync", true));
            ok &= revoked.status() == 204 || error("direct lease revoke " + revoked.status() + " " + revoked.why());
        }
        JsonHttp.Reply self = http.send("POST", simAddress.resolve("/v1/auth/token/revoke-self"), vaultToken, null);
        long t2 = System.nanoTime();
        open[slot] = t1 - t0;
        close[slot] = t2 - t1;
        return ok & (self.status() == 204 || error("direct revoke-self " + self.status() + " " + self.why()));
    }

    private boolean error(String kind) {
        if (errorKinds.putIfAbsent(kind, true) == null) {
            System.out.println("  first error of its kind: " + kind);
        }
        return false;
    }

    private long simRequests() {
        return ((Number) driverHttp.send("GET", simAdmin.resolve("/bench-admin/stats"), Map.of(), null).body()
                .get("requests")).longValue();
    }

    /** Transactions the database counts while nothing is measured (reaper sweeps, pool upkeep): the noise. */
    private double idleSqlRate() throws Exception {
        long before = sql.settled();
        long t = System.nanoTime();
        Thread.sleep(options.idleSeconds * 1000L);
        long after = sql.settled();
        double seconds = (System.nanoTime() - t) / 1e9;
        double rate = (after - before) / seconds;
        System.out.printf("SQL noise while idle: %d transactions in %.1f s = %.2f/s (reaper sweeps every 15 s and the"
                + " counter scrapes, which run on database 'postgres', not on 'bench')%n", after - before, seconds, rate);
        return rate;
    }

    private static void ratios(List<Point> points) {
        System.out.println("broker / direct   open50  open99  close50 close99  throughput");
        for (Point b : points) {
            if (b.mode != Mode.BROKER) {
                continue;
            }
            points.stream().filter(d -> d.mode == Mode.DIRECT && d.runners == b.runners).findFirst().ifPresent(d ->
                    System.out.printf("c=%-14d %6.2fx %6.2fx  %6.2fx %6.2fx  %9.2fx%n", b.runners,
                            b.open(50) / d.open(50), b.open(99) / d.open(99), b.close(50) / d.close(50),
                            b.close(99) / d.close(99), b.throughput() / d.throughput()));
        }
    }

    /**
     * Opens {@code --crash} phases, SIGKILLs the broker, restarts it on the same database with
     * {@code BROKER_HEARTBEAT_TIMEOUT=--heartbeat-timeout} (reaper schedule as configured: initial delay 10 s,
     * then every 15 s, unless {@code --reaper-initial-delay} is given), and times until vault-sim holds none of
     * those phases' leases and tokens.
     */
    @SuppressWarnings("unchecked")
    private BenchProcess crash(BenchProcess broker) throws Exception {
        List<String> tokens = mint(options.crash);
        List<String> leaseIds = new ArrayList<>();
        List<String> accessors = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Map<String, Object>>> opening = new ArrayList<>();
        for (String token : tokens) {
            opening.add(pool.submit(() -> {
                JsonHttp http = new JsonHttp();
                JsonHttp.Reply opened = http.send("POST", brokerUrl.resolve("/v1/phases"), JsonHttp.bearer(token),
                        Map.of("variables", variables));
                if (opened.status() != 201) {
                    errors.incrementAndGet();
                    error("crash open " + opened.status() + " " + opened.why());
                    return Map.of();
                }
                return http.send("GET", brokerUrl.resolve("/v1/phases/" + opened.body().get("phase_id")),
                        JsonHttp.bearer(token), null).body();
            }));
        }
        for (Future<Map<String, Object>> f : opening) {
            Map<String, Object> status = f.get();
            for (Map<String, Object> lease : (List<Map<String, Object>>) status.getOrDefault("leases", List.of())) {
                leaseIds.add((String) lease.get("lease_id"));
            }
            for (Map<String, Object> login : (List<Map<String, Object>>) status.getOrDefault("vault_tokens", List.of())) {
                accessors.add((String) login.get("accessor"));
            }
        }
        pool.shutdown();
        Map<String, Object> ours = Map.of("lease_ids", leaseIds, "accessors", accessors);
        Map<String, Object> live = driverHttp.send("POST", simAdmin.resolve("/bench-admin/live"), Map.of(), ours).body();
        System.out.printf("kill -9 recovery: %d phases opened (%d refused); live in vault-sim: %s of %d leases, %s of %d"
                        + " tokens%n", options.crash - errors.get(), errors.get(), live.get("live_leases"), leaseIds.size(),
                live.get("live_accessors"), accessors.size());

        broker.killHard();
        long killed = System.nanoTime();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BROKER_HEARTBEAT_TIMEOUT", options.heartbeatTimeout);
        if (options.reaperInitialDelay != null) {
            env.put("BROKER_PHASES_REAPER_INITIAL_DELAY", options.reaperInitialDelay);
        }
        BenchProcess restarted = startBroker(env, "broker-2.log");
        brokerProcess = restarted;
        System.out.printf("  SIGKILLed pid %d; restarted as pid %d %.0f ms later with %s%n", broker.pid(),
                restarted.pid(), (restarted.startedNanos - killed) / MS, env);
        long healthy = -1;
        long firstRevoked = -1;
        long allGone = -1;
        long deadline = System.nanoTime() + 180_000 * 1_000_000L;
        JsonHttp probe = new JsonHttp();
        while (System.nanoTime() < deadline) {
            if (healthy < 0) {
                try {
                    if (probe.send("GET", brokerUrl.resolve("/health"), Map.of(), null).status() == 200) {
                        healthy = System.nanoTime();
                    }
                } catch (IllegalStateException e) {
                    // still starting
                }
            }
            live = probe.send("POST", simAdmin.resolve("/bench-admin/live"), Map.of(), ours).body();
            long leasesLive = ((Number) live.get("live_leases")).longValue();
            long tokensLive = ((Number) live.get("live_accessors")).longValue();
            long now = System.nanoTime();
            if (firstRevoked < 0 && (leasesLive < leaseIds.size() || tokensLive < accessors.size())) {
                firstRevoked = now;
            }
            if (leasesLive == 0 && tokensLive == 0) {
                allGone = now;
                break;
            }
            if (!restarted.alive()) {
                throw new IllegalStateException("the restarted broker exited; see " + work.resolve("broker-2.log"));
            }
            Thread.sleep(100);
        }
        long t0 = restarted.startedNanos;
        System.out.printf("  restart -> healthy %s, -> first revocation seen %s, -> no lease or token of those phases"
                        + " live %s%n", since(t0, healthy), since(t0, firstRevoked), since(t0, allGone));
        if (firstRevoked > 0 && allGone > 0) {
            System.out.printf("  of which revoking (first revocation seen -> none live): %.0f ms for %d phases ="
                            + " %.0f phases/s (polled every 100 ms)%n", (allGone - firstRevoked) / MS,
                    options.crash - errors.get(), (options.crash - errors.get()) / Math.max(1e-9, (allGone - firstRevoked) / 1e9));
        }
        if (allGone < 0) {
            System.out.printf("  NOT CLEANED within 180 s: %s%n", live);
        }
        return restarted;
    }

    private static String since(long t0, long t) {
        return t < 0 ? "never" : String.format("%.2f s", (t - t0) / 1e9);
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : (kib / 1024) + " MiB";
    }

    /** CPU ms each process spent during a point (broker, vault-sim, driver), and the highest 1-min load seen. */
    private record Cpu(long brokerMillis, long simMillis, long driverMillis, double load) {
    }

    /** Latencies of one measured point, in nanoseconds. */
    private record Point(Mode mode, int runners, int phases, long wallNanos, long[] openNanos, long[] closeNanos,
                         int errors, long vaultRequests, long sqlTransactions, Cpu cpu) {
        static final String HEADER = String.format("%-7s %4s %6s %9s | %7s %7s | %7s %7s | %6s %8s %10s | %s",
                "mode", "c", "phases", "phases/s", "open50", "open99", "close50", "close99", "errors", "vault/ph",
                "sql/ph", "CPU ms/phase broker sim driver, load");

        double throughput() {
            return phases / (wallNanos / 1e9);
        }

        double open(double p) {
            return percentile(openNanos, p);
        }

        double close(double p) {
            return percentile(closeNanos, p);
        }

        String row(boolean sqlCounted, double idleSqlPerSecond) {
            String sql = !sqlCounted ? "PG only" : mode == Mode.DIRECT ? String.format("%.2f", (double) sqlTransactions / phases)
                    : String.format("%.2f±%.2f", (double) sqlTransactions / phases,
                    idleSqlPerSecond * (wallNanos / 1e9) / phases);
            return String.format("%-7s %4d %6d %9.1f | %7.1f %7.1f | %7.1f %7.1f | %6d %8.2f %10s | %6.1f %5.1f %5.1f, %.1f",
                    mode.label, runners, phases, throughput(), open(50), open(99), close(50), close(99), errors,
                    (double) vaultRequests / phases, sql, (double) cpu.brokerMillis / phases,
                    (double) cpu.simMillis / phases, (double) cpu.driverMillis / phases, cpu.load);
        }

        /** Nearest rank, in ms. */
        private static double percentile(long[] values, double p) {
            long[] sorted = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / MS;
        }
    }

    /** Transactions PostgreSQL counted for one database, read over a connection to another one. */
    private static final class SqlCounter {
        private final EmbeddedPostgres pg;
        private final String database;

        private SqlCounter(EmbeddedPostgres pg, String database) {
            this.pg = pg;
            this.database = database;
        }

        static SqlCounter postgres(EmbeddedPostgres pg, String database) throws SQLException {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            return new SqlCounter(pg, database);
        }

        /**
         * The counter once it stopped moving: backends report their counts when idle, at most once a second,
         * so it is read every 600 ms until two reads agree (at most 15 s).
         */
        long settled() throws SQLException, InterruptedException {
            long last = read();
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(600);
                long now = read();
                if (now == last) {
                    return now;
                }
                last = now;
            }
            return last;
        }

        private long read() throws SQLException {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
                         + database + "'")) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    private record Options(String db, int iterations, int[] concurrency, int warmup, int crash, int rssPhases,
                           String heartbeatTimeout, String reaperInitialDelay, int idleSeconds, Path jar, Path workDir,
                           List<String> brokerJvm, List<String> simJvm) {
        static Options parse(String[] args) {
            String db = "h2";
            int iterations = 200;
            int[] concurrency = {1, 8};
            int warmup = 100;
            int crash = 100;
            int rssPhases = 2000;
            String heartbeatTimeout = "2s";
            String reaperInitialDelay = null;
            int idleSeconds = 16;
            Path jar = Path.of("broker/target/broker-0.1.0-SNAPSHOT.jar");
            Path workDir = Path.of("broker/target/process-bench");
            List<String> brokerJvm = List.of();
            List<String> simJvm = List.of("-Dsun.net.httpserver.nodelay=true", "-Xmx1g");
            for (int i = 0; i < args.length; i++) {
                if (args[i].isBlank()) {
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--db" -> db = value;
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--crash" -> crash = Integer.parseInt(value);
                    case "--rss-phases" -> rssPhases = Integer.parseInt(value);
                    case "--heartbeat-timeout" -> heartbeatTimeout = value;
                    case "--reaper-initial-delay" -> reaperInitialDelay = value.isBlank() ? null : value;
                    case "--idle-seconds" -> idleSeconds = Integer.parseInt(value);
                    case "--jar" -> jar = Path.of(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    case "--broker-jvm" -> brokerJvm = split(value);
                    case "--sim-jvm" -> simJvm = split(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --db h2|pg"
                            + " --iterations N --concurrency 1,8 --warmup N --crash N --rss-phases N"
                            + " --heartbeat-timeout 2s --reaper-initial-delay 10s --idle-seconds 16 --jar PATH"
                            + " --work-dir DIR --broker-jvm 'FLAGS' --sim-jvm 'FLAGS'");
                }
                i++;
            }
            if (!db.equals("h2") && !db.equals("pg")) {
                throw new IllegalArgumentException("--db is h2 or pg, not " + db);
            }
            return new Options(db, iterations, concurrency, warmup, crash, rssPhases, heartbeatTimeout,
                    reaperInitialDelay, idleSeconds, jar.toAbsolutePath(), workDir.toAbsolutePath(), brokerJvm, simJvm);
        }

        private static List<String> split(String flags) {
            return flags.isBlank() || flags.strip().equals("none") ? List.of()
                    : Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
    }
}
