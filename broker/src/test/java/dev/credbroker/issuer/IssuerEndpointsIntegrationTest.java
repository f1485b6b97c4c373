package dev.credbroker.issuer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuerEndpointsIntegrationTest implements TestPropertyProvider {
    static final String ORCHESTRATOR = "test-orchestrator-secret";
    static final String ISSUER = "https://broker.example.test";

    Path keyDir;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    KeyRing ring;

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> database;

    @Override
    public Map<String, String> getProperties() {
        try {
            keyDir = Files.createTempDirectory("issuer-keys");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("broker.issuer.key-dir", keyDir.toString(),
                "broker.issuer.url", ISSUER + "/",
                "broker.issuer.orchestrator-token", ORCHESTRATOR,
                "broker.issuer.max-ttl", "2h");
    }

    @AfterAll
    void deleteKeyDir() throws IOException {
        try (Stream<Path> files = Files.walk(keyDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("run_id", "run-abc123");
        b.put("organization", "acme");
        b.put("project", "Default Project");
        b.put("workspace", "networking-prod");
        b.put("workspace_id", "ws-123");
        b.put("organization_id", "org-456");
        b.put("project_id", "prj-789");
        b.put("phase", "plan");
        b.put("audience", "vault.workload.identity");
        b.put("ttl_seconds", 900);
        return b;
    }

    Map<?, ?> mint(Map<String, Object> body) {
        HttpResponse<Map> r = client.toBlocking().exchange(HttpRequest.POST("/v1/issuer/tokens", body)
                .bearerAuth(ORCHESTRATOR), Map.class);
        assertEquals(HttpStatus.CREATED, r.getStatus());
        return r.body();
    }

    @Test
    void discoveryDocumentShouldDescribeTheIssuer() {
        Map<?, ?> doc = client.toBlocking().retrieve(HttpRequest.GET("/.well-known/openid-configuration"), Map.class);
        assertEquals(ISSUER, doc.get("issuer"));
        assertEquals(ISSUER + "/.well-known/jwks", doc.get("jwks_uri"));
        assertEquals(List.of("RS256"), doc.get("id_token_signing_alg_values_supported"));
        assertEquals(List.of("id_token"), doc.get("response_types_supported"));
        assertEquals(List.of("public"), doc.get("subject_types_supported"));
        assertEquals(List.of("openid"), doc.get("scopes_supported"));
        List<?> claims = (List<?>) doc.get("claims_supported");
        assertTrue(claims.containsAll(List.of("sub", "aud", "jti", "terraform_run_phase", "terraform_full_workspace")));
    }

    @Test
    void jwksShouldPublishPublicKeysWithKidUseAndAlg() throws Exception {
        JWKSet jwks = IndependentVerifier.fetchJwks(server.getURL());
        assertTrue(jwks.size() >= 2, "active and next key are published");
        for (JWK k : jwks.getKeys()) {
            assertFalse(k.isPrivate());
            assertNotNull(k.getKeyID());
            assertEquals("sig", k.getKeyUse().identifier());
            assertEquals(JWSAlgorithm.RS256, k.getAlgorithm());
            assertEquals(k.computeThumbprint().toString(), k.getKeyID(), "kid is the RFC 7638 thumbprint");
        }
        String raw = client.toBlocking().retrieve(HttpRequest.GET("/.well-known/jwks"), String.class);
        assertFalse(raw.contains("\"d\""), "no private member");
    }

    @Test
    void mintedTokenShouldVerifyIndependentlyAndCarryExactlyHcpClaims() throws Exception {
        Map<?, ?> minted = mint(body());
        String token = (String) minted.get("token");
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(minted.get("kid"), jwt.getHeader().getKeyID());

        JWTClaimsSet claims = IndependentVerifier.verify(token, IndependentVerifier.fetchJwks(server.getURL()));
        assertEquals(Set.of("iss", "sub", "aud", "jti", "iat", "nbf", "exp",
                "terraform_organization_name", "terraform_organization_id", "terraform_project_name",
                "terraform_project_id", "terraform_workspace_name", "terraform_workspace_id",
                "terraform_full_workspace", "terraform_run_id", "terraform_run_phase"), claims.getClaims().keySet());
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan",
                claims.getSubject());
        assertEquals("organization:acme:project:Default Project:workspace:networking-prod",
                claims.getClaim("terraform_full_workspace"));
        String payload = jwt.getPayload().toString();
        assertTrue(payload.contains("\"aud\":\"vault.workload.identity\""), "aud is a string, as HCP writes it");
        assertEquals(claims.getIssueTime(), claims.getNotBeforeTime());
        assertEquals(900, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(4, UUID.fromString(claims.getJWTID()).version());
        assertEquals("run-abc123", claims.getClaim("terraform_run_id"));
        assertEquals("plan", claims.getClaim("terraform_run_phase"));
        assertEquals("org-456", claims.getClaim("terraform_organization_id"));
        assertEquals("prj-789", claims.getClaim("terraform_project_id"));
        assertEquals("ws-123", claims.getClaim("terraform_workspace_id"));
        assertEquals(claims.getExpirationTime().toInstant().toString(), minted.get("expires_at"));
    }

    @Test
    void mintingShouldBeAuditedWithTheJtiAndKidButNeverTheToken() throws Exception {
        Map<?, ?> minted = mint(body());
        String token = (String) minted.get("token");
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();

        String detail = database.executeRead(status -> {
            try (java.sql.PreparedStatement q = status.getConnection().prepareStatement(
                    "SELECT detail FROM audit_event WHERE event = 'issuer.token-minted' AND detail LIKE ?")) {
                q.setString(1, "%" + jti + "%");
                try (java.sql.ResultSet r = q.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        assertTrue(detail != null, "an issuer.token-minted event names jti " + jti);
        assertTrue(detail.contains("\"kid\":\"" + minted.get("kid") + "\""), detail);
        assertTrue(detail.contains("\"run_id\":\"run-abc123\""), detail);
        assertTrue(!detail.contains(token) && !detail.contains(jwtSignature(token)), "the token stays out: " + detail);
    }

    private static String jwtSignature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    @Test
    void otfSubjectFormatShouldLeaveOutTheProject() throws Exception {
        Map<String, Object> b = body();
        b.remove("project");
        b.remove("project_id");
        b.put("subject_format", "otf");
        b.put("phase", "apply");
        String token = (String) mint(b).get("token");
        JWTClaimsSet claims = IndependentVerifier.verify(token, IndependentVerifier.fetchJwks(server.getURL()));
        assertEquals("organization:acme:workspace:networking-prod:run_phase:apply", claims.getSubject());
        assertEquals("organization:acme:workspace:networking-prod", claims.getClaim("terraform_full_workspace"));
        assertNull(claims.getClaim("terraform_project_name"));
    }

    @Test
    void mintingShouldRequireTheOrchestratorCredential() {
        var missing = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/v1/issuer/tokens", body()), Map.class));
        assertProblem(missing, HttpStatus.UNAUTHORIZED);
        var wrong = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/v1/issuer/tokens", body()).bearerAuth("not-" + ORCHESTRATOR), Map.class));
        Map<?, ?> problem = assertProblem(wrong, HttpStatus.UNAUTHORIZED);
        assertFalse(String.valueOf(problem).contains(ORCHESTRATOR));
        var basic = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/v1/issuer/tokens", body()).basicAuth("x", ORCHESTRATOR), Map.class));
        assertProblem(basic, HttpStatus.UNAUTHORIZED);
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource(nullValues = "NULL", value = {
            "run_id, NULL", "organization, NULL", "workspace, NULL", "project, NULL", "audience, NULL",
            "phase, NULL", "phase, destroy", "phase, PLAN", "ttl_seconds, 0", "ttl_seconds, -5",
            "ttl_seconds, 7201", "organization, 'acme:evil'", "project, 'p:x'", "workspace, 'w:run_phase:apply'",
            "subject_format, tfe", "audience, '  '"})
    void badInputShouldBeRefusedNamingTheField(String field, String value) {
        Map<String, Object> b = body();
        if (value == null) {
            b.remove(field);
        } else {
            b.put(field, field.equals("ttl_seconds") ? Long.parseLong(value) : value);
        }
        var e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/v1/issuer/tokens", b).bearerAuth(ORCHESTRATOR), Map.class));
        Map<?, ?> problem = assertProblem(e, HttpStatus.BAD_REQUEST);
        assertEquals(field, problem.get("field"));
        assertTrue(String.valueOf(problem.get("detail")).startsWith(field + ":"), String.valueOf(problem.get("detail")));
    }

    @Test
    void rotationShouldKeepOldTokensVerifiableAndPublishTheNextKeyBeforeItSigns() throws Exception {
        JWKSet before = IndependentVerifier.fetchJwks(server.getURL());
        String oldToken = (String) mint(body()).get("token");
        String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();
        String nextKid = ring.keys().stream().filter(k -> k.state() == KeyState.NEXT).findFirst().orElseThrow().kid();
        assertNotNull(before.getKeyByKeyId(nextKid), "the next key is published before it signs");

        KeyRing.Rotation rotation = ring.rotate();
        assertEquals(nextKid, rotation.activeKid());
        assertEquals(oldKid, rotation.retiredKid());

        JWKSet after = IndependentVerifier.fetchJwks(server.getURL());
        IndependentVerifier.verify(oldToken, after);
        assertNotNull(after.getKeyByKeyId(rotation.nextKid()), "the new next key is published at once");

        String newToken = (String) mint(body()).get("token");
        String newKid = SignedJWT.parse(newToken).getHeader().getKeyID();
        assertNotEquals(oldKid, newKid);
        assertEquals(nextKid, newKid, "the new token is signed by the key published before the rotation");
        IndependentVerifier.verify(newToken, after);
        // the retired key's file holds no private key any more
        String retiredPem = Files.readString(keyDir.resolve(oldKid + ".pem"));
        assertFalse(retiredPem.contains("PRIVATE KEY"));
    }

    private static Map<?, ?> assertProblem(HttpClientResponseException e, HttpStatus status) {
        assertEquals(status, e.getStatus());
        assertEquals(Problem.MEDIA_TYPE, e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        return e.getResponse().getBody(Map.class).orElseThrow();
    }
}
