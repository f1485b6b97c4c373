package dev.credbroker.cli.phase;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.credbroker.cli.CredbrokerCommand;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.support.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code phase … --cacert FILE} against an https broker whose certificate a private CA signed: a JDK
 * {@link HttpsServer} stands in for the broker. The commands run in this JVM with a {@link CliContext} that
 * fails the test if anything starts it: the runner's side needs no application context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhaseCaCertTest {
    private static final String PHASE_ID = "0b6f3c1e-4d8a-4b7e-9c1a-2f3e4d5c6b7a";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    private TestPki pki;
    private TestPki otherPki;
    private HttpsServer broker;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Path tokenFile;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        otherPki = TestPki.create(Files.createDirectories(dir.resolve("other")));
        broker = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broker.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        broker.createContext("/v1/phases/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"phase_id\":\"" + PHASE_ID + "\",\"state\":\"open\",\"leases\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            boolean known = exchange.getRequestMethod().equals("GET")
                    && exchange.getRequestURI().getPath().equals("/v1/phases/" + PHASE_ID);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            if (known) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        broker.start();
        tokenFile = dir.resolve("token.jwt");
        Files.writeString(tokenFile, TOKEN + "\n");
    }

    @AfterAll
    void stop() {
        broker.stop(0);
    }

    record Run(int code, String out, String err) {
    }

    private Run status(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("phase", "status", "--broker",
                "https://127.0.0.1:" + broker.getAddress().getPort(), "--phase-id", PHASE_ID,
                "--token-file", tokenFile.toString(), "--timeout", "10s"), java.util.stream.Stream.of(extra))
                .toArray(String[]::new);
        try (CliContext noContext = CliContext.startedBy(() -> {
            throw new AssertionError("a phase command started an application context");
        })) {
            int code = CredbrokerCommand.execute(noContext, new PrintWriter(out, true, StandardCharsets.UTF_8),
                    new PrintWriter(err, true, StandardCharsets.UTF_8), args);
            assertEquals(false, noContext.started());
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void cacertShouldTrustTheBrokersPrivateCa() {
        authorizations.clear();
        Run r = status("--cacert", pki.caPem().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"state\":\"open\""), r.out());
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
        assertTrue(!r.out().contains(TOKEN) && !r.err().contains(TOKEN), "the token is never printed");
    }

    @Test
    void withoutCacertThePrivateCaShouldNotBeTrusted() {
        authorizations.clear();
        Run r = status();
        assertEquals(ExitCodes.FAILURE, r.code(), r.out());
        assertTrue(r.err().startsWith("credbroker: cannot reach the broker at https://127.0.0.1:"), r.err());
        assertTrue(r.err().contains("SSLHandshakeException"), r.err());
        assertEquals(List.of(), authorizations, "no request, so no token, reached an untrusted server");
    }

    @Test
    void cacertOfAnotherCaShouldNotBeTrusted() {
        authorizations.clear();
        Run r = status("--cacert", otherPki.caPem().toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.out());
        assertTrue(r.err().contains("SSLHandshakeException"), r.err());
        assertEquals(List.of(), authorizations);
    }

    @Test
    void cacertThatIsNoPemShouldBeBadInput(@TempDir Path dir) throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        Run r = status("--cacert", notPem.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertEquals("credbroker: --cacert: " + notPem + " holds no PEM certificate", r.err().strip());
        Run missing = status("--cacert", dir.resolve("absent.pem").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().startsWith("credbroker: --cacert: cannot read "), missing.err());
    }
}
