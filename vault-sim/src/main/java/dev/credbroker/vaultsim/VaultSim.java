package dev.credbroker.vaultsim;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.credbroker.vaultsim.core.VaultCore;
import dev.credbroker.vaultsim.engine.FakeCloud;
import dev.credbroker.vaultsim.engine.SecretsEngine;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * An in-process Vault: start it on a random loopback port, talk to it over HTTP like a dev server, drive
 * its clock and faults from the test, and ask its fake clouds whether a credential still works.
 */
public final class VaultSim implements AutoCloseable {
    public static final String VERSION = "1.17.6+sim";

    /**
     * The JDK server leaves Nagle's algorithm on unless {@code sun.net.httpserver.nodelay} is true. It writes a
     * response's headers and body separately, so on a reused connection the body waits for the client's delayed
     * ACK (about 40 ms on Linux) before it leaves; Vault (Go's net/http) sets TCP_NODELAY on every connection.
     * The JDK reads the property once, when {@code sun.net.httpserver.ServerConfig} is loaded, that is at the
     * first {@code HttpServer.create} in the JVM: it is set here, before this class can create one. A JVM that
     * started another JDK HttpServer before loading this class keeps Nagle on; an explicit setting is kept.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private final VaultCore core;
    private final Namespaces namespaces;
    private final Faults faults;
    private final SimClock clock;
    private final String rootToken;
    private final SSLContext tls;
    private HttpServer server;
    private SimHttpHandler handler;
    private ExecutorService executor;

    private VaultSim(Builder builder) {
        this.clock = builder.clock;
        this.faults = new Faults();
        this.core = new VaultCore(clock, builder.engines, faults);
        this.rootToken = builder.rootToken;
        this.tls = builder.tls;
        core.tokens().createRoot(rootToken);
        // Every namespace's engines mint into the same fake clouds: a credential is a credential, wherever minted.
        this.namespaces = new Namespaces(core, () -> new VaultCore(clock, builder.engines, faults, core.cloud()),
                rootToken, VERSION);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sim with the AWS, Azure and GCP engines, a fresh clock and a random root token. */
    public static VaultSim start() {
        return builder().build().listen();
    }

    /** Serves on a free loopback port. */
    public synchronized VaultSim listen() {
        return listen(0);
    }

    /** Serves on this loopback port ({@code 0}: a free one), for a sim others are told the address of in advance. */
    public synchronized VaultSim listen(int port) {
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls == null) {
                server = HttpServer.create(loopback, 64);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "vault-sim");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        handler = new SimHttpHandler(namespaces, faults);
        server.createContext("/", handler);
        server.start();
        return this;
    }

    public URI address() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public String rootToken() {
        return rootToken;
    }

    public SimClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    public FakeCloud cloud() {
        return core.cloud();
    }

    /**
     * Whether the lease is still live, in any namespace, after expiring what the clock says is due. A lease
     * queued for revocation (its token was revoked) or given up on as irrevocable is still live: its credential
     * still works.
     */
    public boolean leaseExists(String leaseId) {
        return cores().anyMatch(c -> c.leases().exists(leaseId));
    }

    /** Whether the background revocation gave up on this lease after {@code LeaseManager.MAX_REVOKE_ATTEMPTS}. */
    public boolean leaseIrrevocable(String leaseId) {
        return namespaces.cores().stream().anyMatch(c -> c.leases().irrevocable(leaseId));
    }

    /**
     * Waits until every lease queued for revocation (by token revocation or expiry, or {@code sync=false}) was
     * revoked by the background task or given up on as irrevocable, in every namespace.
     * @return false if some were still pending after {@code timeout}
     */
    public boolean awaitQueuedRevocations(Duration timeout) {
        try {
            for (VaultCore c : namespaces.cores()) {
                if (!c.leases().awaitQueue(timeout)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Live leases over every namespace. */
    public int liveLeases() {
        return cores().mapToInt(c -> c.leases().liveCount()).sum();
    }

    /** Live tokens over every namespace, the root and any operator tokens included; tests compare before and after. */
    public int liveTokens() {
        return cores().mapToInt(c -> c.tokens().liveCount()).sum();
    }

    /** Whether a token with this accessor is still live, in any namespace. */
    public boolean accessorLive(String accessor) {
        return cores().anyMatch(c -> c.tokens().byAccessor(accessor).isPresent());
    }

    /** Whether a token with this accessor is live in that namespace ({@code ""} for the root namespace). */
    public boolean accessorLiveIn(String namespace, String accessor) {
        return namespaces.core(namespace).map(c -> {
            c.expire();
            return c.tokens().byAccessor(accessor).isPresent();
        }).orElse(false);
    }

    /** Every namespace's state, each with what its clock says is due expired first. */
    private java.util.stream.Stream<VaultCore> cores() {
        return namespaces.cores().stream().peek(VaultCore::expire);
    }

    /** HTTP requests received since {@link #listen()}, faulted and unanswered ones included; benchmarks read it. */
    public synchronized long requestCount() {
        return handler == null ? 0 : handler.requests();
    }

    @Override
    public synchronized void close() {
        namespaces.cores().forEach(VaultCore::close);
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public static final class Builder {
        private SimClock clock = SimClock.startingNow();
        private String rootToken = dev.credbroker.vaultsim.core.Ids.serviceToken();
        private SSLContext tls;
        private final Map<String, Supplier<SecretsEngine>> engines = new LinkedHashMap<>(EngineCatalog.builtIn());

        public Builder clock(SimClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder rootToken(String rootToken) {
            this.rootToken = rootToken;
            return this;
        }

        /** Serve HTTPS with this context's key and certificate, as a Vault behind a private CA does. */
        public Builder tls(SSLContext serverContext) {
            this.tls = serverContext;
            return this;
        }

        public Builder engine(String type, Supplier<SecretsEngine> factory) {
            engines.put(type, factory);
            return this;
        }

        public VaultSim build() {
            return new VaultSim(this);
        }
    }
}
