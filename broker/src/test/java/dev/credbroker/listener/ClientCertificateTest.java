package dev.credbroker.listener;

import dev.credbroker.support.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.credbroker.listener.ListenerTlsTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code BROKER_TLS_CLIENT_CA_FILE}: runners authenticate with a client certificate the CA signed. In the
 * default {@code need} mode a runner without one, or with one the CA did not sign, gets no TLS session at all;
 * {@code want} lets a runner without a certificate through but still refuses a stranger's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateTest {
    private Path dir;
    private TestPki pki;
    private TlsBroker need;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("credbroker-client-cert");
        pki = TestPki.create(dir).withClients();
        need = broker(Map.of());
    }

    @AfterAll
    void stop() {
        need.close();
    }

    private TlsBroker broker(Map<String, Object> more) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                "broker.tls.cert-file", pki.serverChainPem().toString(),
                "broker.tls.key-file", pki.serverKeyPem().toString(),
                "broker.tls.client-ca-file", pki.caPem().toString(),
                "broker.bind-address", "127.0.0.1"));
        props.putAll(more);
        return TlsBroker.start(dir, props);
    }

    private String health(TlsBroker broker) {
        return "https://127.0.0.1:" + broker.port + "/health/liveness";
    }

    @Test
    void aRunnerWithACertificateTheCaSignedGetsThrough() throws Exception {
        HttpResponse<String> health = get(pki.clientContext("runner"), health(need));

        assertEquals(200, health.statusCode(), health.body());
    }

    @Test
    void aRunnerWithoutACertificateIsRefused() {
        assertThrows(IOException.class, () -> get(pki.clientContext(), health(need)));
        assertThrows(IOException.class, () -> get(pki.clientContext(), health(need), "TLSv1.2"), "over TLS 1.2 too");
    }

    @Test
    void aRunnerWhoseCertificateTheCaDidNotSignIsRefused() {
        assertThrows(IOException.class, () -> get(pki.clientContext("stranger"), health(need)));
    }

    @Test
    void wantModeLetsARunnerWithoutACertificateThroughButNotAStranger() throws Exception {
        try (TlsBroker want = broker(Map.of("broker.tls.client-auth", "want"))) {
            assertEquals(200, get(pki.clientContext(), health(want)).statusCode());
            assertEquals(200, get(pki.clientContext("runner"), health(want)).statusCode());
            assertThrows(IOException.class, () -> get(pki.clientContext("stranger"), health(want)));
        }
    }
}
