package dev.credbroker.vaultsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * vault-sim as a process of its own, for benchmarks that must not share a JVM with the broker. It serves
 * Vault's HTTP API on a random loopback port with the built-in AWS, Azure and GCP engine types and a
 * wall-clock ({@link SimClock#ticking()}) clock, and writes into {@code --out-dir}:
 * <ul>
 *   <li>{@code vault-addr}: the address, such as {@code http://127.0.0.1:41234};</li>
 *   <li>{@code root-token}: the root token, mode 0600 (never printed);</li>
 *   <li>{@code admin-addr}: a <b>test-only</b> admin listener, separate from the Vault API, that answers
 *       {@code GET /bench-admin/stats} ({@code requests}, {@code live_leases}, {@code live_tokens}) and
 *       {@code POST /bench-admin/live} with {@code {"lease_ids": [...], "accessors": [...]}} (how many of them
 *       are still live). No Vault has it; nothing but a benchmark or a test should call it.</li>
 * </ul>
 * The files are written once the listeners are up, {@code vault-addr} last, so a launcher can wait for it.
 * Runs until killed. The JDK HTTP server's Nagle setting is the JVM's: start it with
 * {@code -Dsun.net.httpserver.nodelay=true} for latency figures.
 */
public final class VaultSimMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VaultSimMain() {
    }

    public static void main(String[] args) throws Exception {
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out-dir") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else {
                System.err.println("usage: VaultSimMain --out-dir DIR");
                System.exit(2);
            }
        }
        if (outDir == null) {
            System.err.println("usage: VaultSimMain --out-dir DIR");
            System.exit(2);
        }
        Files.createDirectories(outDir);
        VaultSim sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        HttpServer admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        admin.createContext("/bench-admin/", exchange -> {
            try (exchange) {
                answerAdmin(sim, exchange);
            }
        });
        admin.start();

        writePrivate(outDir.resolve("root-token"), sim.rootToken());
        write(outDir.resolve("admin-addr"), "http://127.0.0.1:" + admin.getAddress().getPort());
        write(outDir.resolve("vault-addr"), sim.address().toString());
        System.out.println("vault-sim " + VaultSim.VERSION + " listening on " + sim.address() + " (root token in "
                + outDir.resolve("root-token") + ", test-only admin on port " + admin.getAddress().getPort()
                + ", sun.net.httpserver.nodelay=" + System.getProperty("sun.net.httpserver.nodelay", "false") + ")");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void answerAdmin(VaultSim sim, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, Object> body = new LinkedHashMap<>();
        int status = 200;
        if (path.equals("/bench-admin/stats") && exchange.getRequestMethod().equals("GET")) {
            body.put("requests", sim.requestCount());
            body.put("live_leases", sim.liveLeases());
            body.put("live_tokens", sim.liveTokens());
        } else if (path.equals("/bench-admin/live") && exchange.getRequestMethod().equals("POST")) {
            Map<?, ?> asked = JSON.readValue(exchange.getRequestBody(), Map.class);
            body.put("live_leases", strings(asked.get("lease_ids")).stream().filter(sim::leaseExists).count());
            body.put("live_accessors", strings(asked.get("accessors")).stream().filter(sim::accessorLive).count());
        } else {
            status = 404;
            body.put("errors", List.of("no such admin path"));
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }
}
