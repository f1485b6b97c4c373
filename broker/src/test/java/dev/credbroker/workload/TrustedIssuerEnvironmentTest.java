package dev.credbroker.workload;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code BROKER_TRUSTED_ISSUER_<NAME>_*} variables: what they map to, that a misspelt one stops the start, and
 * that a server started with them trusts the issuer (a token it signed verifies) and lists each trusted issuer
 * with its JWKS status at start-up.
 */
class TrustedIssuerEnvironmentTest {

    @Test
    void variablesShouldMapToTrustedIssuerProperties() {
        Map<String, Object> props = TrustedIssuerEnvironment.properties(Map.of(
                "BROKER_TRUSTED_ISSUER_HCP_EU_ISSUER", "https://app.eu.terraform.io",
                "BROKER_TRUSTED_ISSUER_HCP_EU_AUDIENCES", " vault.workload.identity , other ,",
                "BROKER_TRUSTED_ISSUER_HCP_EU_JWKS_URL", "https://app.eu.terraform.io/.well-known/jwks",
                "BROKER_TRUSTED_ISSUER_TFE_ALGORITHMS", "RS256",
                "BROKER_TRUSTED_ISSUER_TFE_JWKS_FILE", "/etc/tfe.json",
                "BROKER_TRUSTED_ISSUER_TFE_JWKS_REFRESH", "5m",
                "BROKER_TRUSTED_ISSUER_TFE_ISSUER", "",
                "BROKER_PORT", "8080"));
        assertEquals(Map.of(
                "broker.workload.trusted-issuers.hcp-eu.issuer", "https://app.eu.terraform.io",
                "broker.workload.trusted-issuers.hcp-eu.audiences", List.of("vault.workload.identity", "other"),
                "broker.workload.trusted-issuers.hcp-eu.jwks-url", "https://app.eu.terraform.io/.well-known/jwks",
                "broker.workload.trusted-issuers.tfe.algorithms", List.of("RS256"),
                "broker.workload.trusted-issuers.tfe.jwks-file", "/etc/tfe.json",
                "broker.workload.trusted-issuers.tfe.jwks-refresh", "5m"), props);
    }

    @Test
    void aMisspeltVariableShouldStopTheStartNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TrustedIssuerEnvironment.properties(
                Map.of("BROKER_TRUSTED_ISSUER_TFE_AUDIENCE", "vault.workload.identity")));
        assertTrue(e.getMessage().startsWith("BROKER_TRUSTED_ISSUER_TFE_AUDIENCE is not a trusted-issuer setting"),
                e.getMessage());
        assertThrows(ConfigurationException.class, () -> TrustedIssuerEnvironment.properties(
                Map.of("BROKER_TRUSTED_ISSUER__ISSUER", "https://x")));
        assertThrows(ConfigurationException.class, () -> TrustedIssuerEnvironment.properties(
                Map.of("BROKER_TRUSTED_ISSUER_tfe_ISSUER", "https://x")));
    }

    @Test
    void aServerShouldTrustIssuersFromVariablesAndListThemAtStartup(@TempDir Path keys) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("tfe-1").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks", exchange -> {
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Logger logger = (Logger) LoggerFactory.getLogger(TrustedIssuersStartupLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        String jwksUrl = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks";
        Map<String, String> env = Map.of(
                "BROKER_TRUSTED_ISSUER_TFE_ISSUER", "https://tfe.example.test/",
                "BROKER_TRUSTED_ISSUER_TFE_AUDIENCES", "vault.workload.identity",
                "BROKER_TRUSTED_ISSUER_TFE_ALGORITHMS", "RS256",
                "BROKER_TRUSTED_ISSUER_TFE_JWKS_URL", jwksUrl,
                "BROKER_TRUSTED_ISSUER_HCP_EU_ISSUER", "https://app.eu.terraform.test",
                "BROKER_TRUSTED_ISSUER_HCP_EU_AUDIENCES", "vault.workload.identity",
                "BROKER_TRUSTED_ISSUER_HCP_EU_JWKS_URL", "http://127.0.0.1:" + closedPort + "/jwks");
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.TEST)
                .propertySources(TrustedIssuerEnvironment.propertySource(env))
                .properties(Map.of("broker.issuer.key-dir", keys.toString(), "broker.issuer.url", "https://own.example.test",
                        "broker.phases.reaper-initial-delay", "1h"))
                .start()) {
            ctx.getBean(EmbeddedServer.class).start();

            WorkloadToken token = ctx.getBean(WorkloadTokenVerifier.class).verify(NimbusWorkloadTokenVerifierTest.sign(key,
                    NimbusWorkloadTokenVerifierTest.claims("https://tfe.example.test").build()));
            assertEquals("run-1", token.identity().runId());

            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(messages.contains("3 trusted issuer(s)"), messages.toString());
            assertTrue(messages.contains("trusted issuer tfe: iss=https://tfe.example.test audiences=[vault.workload.identity]"
                    + " algorithms=[RS256] keys from jwks-url " + jwksUrl + ": UP (1 keys)"), messages.toString());
            String hcp = messages.stream().filter(m -> m.startsWith("trusted issuer hcp-eu: ")).findFirst().orElseThrow();
            assertTrue(hcp.contains("iss=https://app.eu.terraform.test") && hcp.contains(": DOWN ("), hcp);
            assertTrue(lines.list.stream().anyMatch(e -> e.getFormattedMessage().equals(hcp)
                    && e.getLevel() == ch.qos.logback.classic.Level.WARN), "a DOWN issuer is a WARN line");
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("trusted issuer https://own.example.test: ")
                    && m.endsWith("keys from built in: UP (2 keys)")), messages.toString());
        } finally {
            logger.detachAppender(lines);
            jwks.stop(0);
        }
    }
}
