package dev.credbroker.listener;

import dev.credbroker.support.TestPki;
import io.micronaut.http.server.netty.ssl.ServerSslBuilder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's own listener over TLS, its certificate and key given as PEM files signed by a private CA made
 * here: a runner trusting the CA gets through, TLS 1.2 and 1.3 only, plain HTTP gets nothing, and the issuer's
 * discovery document and JWKS are served over https.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerTlsTest {
    private Path dir;
    private TestPki pki;

    @BeforeAll
    void pki() throws IOException {
        dir = Files.createTempDirectory("credbroker-listener-tls");
        pki = TestPki.create(dir);
    }

    private TlsBroker broker() {
        return TlsBroker.start(dir, Map.of(
                "broker.tls.cert-file", pki.serverChainPem().toString(),
                "broker.tls.key-file", pki.serverKeyPem().toString(),
                "broker.bind-address", "127.0.0.1"));
    }

    static HttpResponse<String> get(SSLContext tls, String url, String... protocols) throws IOException, InterruptedException {
        HttpClient.Builder client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5));
        if (protocols.length > 0) {
            client.sslParameters(new SSLParameters(null, protocols));
        }
        return client.build().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientTrustingTheCaGetsHealthOverHttpsWithTheConfiguredCertificate() throws Exception {
        try (TlsBroker broker = broker()) {
            HttpResponse<String> health = get(pki.clientContext(), "https://127.0.0.1:" + broker.port + "/health/liveness");

            assertEquals(200, health.statusCode(), health.body());
            assertEquals("https", broker.server.getScheme());
            X509Certificate served = (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
            X509Certificate configured;
            try (InputStream in = Files.newInputStream(pki.serverChainPem())) {
                configured = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            assertEquals(configured, served, "the leaf of BROKER_TLS_CERT_FILE");
        }
    }

    @Test
    void aClientTrustingOnlyTheJdkDefaultsRefusesTheBroker() throws Exception {
        try (TlsBroker broker = broker()) {
            assertThrows(IOException.class, () -> get(SSLContext.getDefault(), "https://127.0.0.1:" + broker.port + "/health/liveness"));
        }
    }

    @Test
    void onlyTls12AndTls13AreEnabledAndNegotiated() throws Exception {
        try (TlsBroker broker = broker()) {
            SslContext server = broker.server.getApplicationContext().getBean(ServerSslBuilder.class).build().orElseThrow();
            assertEquals(Set.of("TLSv1.2", "TLSv1.3"),
                    Set.of(server.newEngine(ByteBufAllocator.DEFAULT).getEnabledProtocols()), "the server engine's protocols");

            String url = "https://127.0.0.1:" + broker.port + "/health/liveness";
            assertEquals("TLSv1.3", get(pki.clientContext(), url).sslSession().orElseThrow().getProtocol());
            assertEquals("TLSv1.2", get(pki.clientContext(), url, "TLSv1.2").sslSession().orElseThrow().getProtocol());

            // The JDK client won't offer TLS 1.0/1.1 at all, so a hand-written ClientHello asks the server itself.
            assertEquals(RawClientHello.Answer.SERVER_HELLO, RawClientHello.send(broker.port, RawClientHello.TLS_1_2),
                    "control: the same hello as TLS 1.2 is answered");
            assertEquals(RawClientHello.Answer.REFUSED, RawClientHello.send(broker.port, RawClientHello.TLS_1_1));
            assertEquals(RawClientHello.Answer.REFUSED, RawClientHello.send(broker.port, RawClientHello.TLS_1_0));
        }
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        try (TlsBroker broker = broker()) {
            String reply = RawClientHello.plainHttp(broker.port);

            assertTrue(!reply.startsWith("HTTP/"), "no HTTP answer on the TLS port: " + reply);
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.port + "/health/liveness"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void theIssuersDiscoveryDocumentAndJwksAreServedOverHttps() throws Exception {
        try (TlsBroker broker = broker()) {
            String base = "https://127.0.0.1:" + broker.port;
            HttpResponse<String> discovery = get(pki.clientContext(), base + "/.well-known/openid-configuration");
            assertEquals(200, discovery.statusCode(), discovery.body());
            assertTrue(discovery.body().contains("\"issuer\":\"" + base + "\""), discovery.body());
            assertTrue(discovery.body().contains("\"jwks_uri\":\"" + base + "/.well-known/jwks\""), discovery.body());

            HttpResponse<String> jwks = get(pki.clientContext(), base + "/.well-known/jwks");
            assertEquals(200, jwks.statusCode(), jwks.body());
            assertTrue(jwks.body().contains("\"kid\""), jwks.body());
            assertTrue(List.of("\"d\"", "\"p\"", "\"q\"").stream().noneMatch(jwks.body()::contains), "public keys only");
        }
    }
}
