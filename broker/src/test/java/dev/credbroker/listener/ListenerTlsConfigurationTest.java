package dev.credbroker.listener;

import dev.credbroker.support.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Half a TLS configuration stops the broker at startup rather than leaving it on plain HTTP, and without any
 * {@code broker.tls.*} key the listener is plain HTTP as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerTlsConfigurationTest {
    private Path dir;
    private TestPki pki;

    @BeforeAll
    void pki() throws IOException {
        dir = Files.createTempDirectory("credbroker-listener-config");
        pki = TestPki.create(dir);
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void aKeyFileWithoutACertificateFailsStartup() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> TlsBroker.start(dir, Map.of("broker.tls.key-file", pki.serverKeyPem().toString())).close());

        assertTrue(causes(refused).contains("cert-file is missing"), causes(refused));
    }

    @Test
    void aClientCaWithoutCertificateAndKeyFailsStartup() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> TlsBroker.start(dir, Map.of("broker.tls.client-ca-file", pki.caPem().toString())).close());

        assertTrue(causes(refused).contains("go together"), causes(refused));
    }

    @Test
    void aCertificateFileThatDoesNotExistFailsStartup() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> TlsBroker.start(dir, Map.of(
                "broker.tls.cert-file", dir.resolve("missing.pem").toString(),
                "broker.tls.key-file", pki.serverKeyPem().toString())).close());

        assertTrue(causes(refused).contains("is not a readable file"), causes(refused));
    }

    @Test
    void withoutTlsKeysTheListenerIsPlainHttp() {
        try (TlsBroker broker = TlsBroker.start(dir, Map.of())) {
            assertEquals("http", broker.server.getScheme());
        }
    }
}
