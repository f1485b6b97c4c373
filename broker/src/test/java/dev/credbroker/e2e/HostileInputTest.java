package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.credbroker.issuer.KeyRing;
import dev.credbroker.support.TransactionCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker's requests against a running broker on vault-sim: forged and malformed tokens, validly signed tokens
 * with claims too long for the store, junk phase ids, SSRF and path injection through the variables, oversized
 * requests, wrong routes and methods, and attacks on the mint endpoint. Every case asserts the status and problem
 * type, a Bearer challenge on each 401, that Vault heard nothing, that nothing secret comes back, and for the
 * token and phase-id cases that the database was not asked either. Runs on H2 here and on PostgreSQL in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    protected BrokerHarness broker;
    private RSAKey brokerKey;
    private RSAKey attackerKey;
    private String orchestratorToken;
    private String reaperToken;

    /** H2 through the transaction counter; the PostgreSQL subclass gives its own. */
    protected Map<String, Object> database() {
        return Map.of("datasources.default.url", TransactionCounter.PREFIX + "h2:mem:hostile-input;"
                        + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.driver-class-name", TransactionCounter.class.getName());
    }

    @BeforeAll
    void start() throws Exception {
        broker = new BrokerHarness(database());
        JWK key = broker.context.getBean(KeyRing.class).activeKey().jwk();
        brokerKey = (RSAKey) key;
        attackerKey = new RSAKeyGenerator(2048).keyID(brokerKey.getKeyID()).generate();
        orchestratorToken = Files.readString(broker.dir.resolve("keys").resolve("orchestrator-token")).strip();
        reaperToken = Files.readString(broker.dir.resolve("reaper-token")).strip();
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    // ------------------------------------------------------------------------------------------- tokens

    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(BrokerHarness.ISSUER).audience("vault.workload.identity")
                .subject(E2eVault.SUB + "plan").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("terraform_run_id", "run-hostile").claim("terraform_run_phase", "plan")
                .claim("terraform_organization_name", "acme").claim("terraform_project_name", "Default Project")
                .claim("terraform_workspace_name", "networking-prod")
                .claim("terraform_full_workspace", "organization:acme:project:Default Project:workspace:networking-prod");
    }

    private static String signed(RSAKey key, JWSHeader.Builder header, String payload) {
        try {
            JWSObject jws = new JWSObject(header.build(), new Payload(payload));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader.Builder rs256(RSAKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID());
    }

    private String byBroker(JWTClaimsSet claims) {
        return signed(brokerKey, rs256(brokerKey), claims.toString());
    }

    /** A hostile token, what the broker must answer, and a word of the detail that says why. */
    record Forged(String name, Function<HostileInputTest, String> token, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Forged> forgedTokens() {
        return Stream.of(
                new Forged("no token at all", t -> null, "no workload token"),
                new Forged("alg none", t -> new PlainJWT(t.claims().build()).serialize(), "alg none"),
                new Forged("HS256 keyed with the issuer's public key", t -> {
                    try {
                        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(t.brokerKey.getKeyID()).build(), new Payload(t.claims().build().toString()));
                        byte[] secret = t.brokerKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
                        jws.sign(new MACSigner(secret));
                        return jws.serialize();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "HMAC"),
                new Forged("attacker key under the real kid", t -> signed(t.attackerKey, rs256(t.attackerKey),
                        t.claims().build().toString()), "signature does not verify"),
                new Forged("jku pointing at the attacker", t -> signed(t.attackerKey, rs256(t.attackerKey)
                        .jwkURL(URI.create("https://attacker.example/jwks")), t.claims().build().toString()),
                        "signature does not verify"),
                new Forged("attacker key embedded as jwk", t -> signed(t.attackerKey, rs256(t.attackerKey)
                        .jwk(t.attackerKey.toPublicJWK()), t.claims().build().toString()), "signature does not verify"),
                new Forged("x5u pointing at the attacker", t -> signed(t.attackerKey, rs256(t.attackerKey)
                        .x509CertURL(URI.create("https://attacker.example/cert")), t.claims().build().toString()),
                        "signature does not verify"),
                new Forged("unknown crit header", t -> signed(t.brokerKey, rs256(t.brokerKey)
                        .criticalParams(java.util.Set.of("x-policy")).customParam("x-policy", "skip"),
                        t.claims().build().toString()), "crit"),
                new Forged("expired", t -> t.byBroker(t.claims().expirationTime(Date.from(Instant.now()
                        .minusSeconds(3600))).build()), "expired"),
                new Forged("another audience", t -> t.byBroker(t.claims().audience("sts.amazonaws.com").build()),
                        "audience"),
                new Forged("untrusted issuer", t -> signed(t.attackerKey, rs256(t.attackerKey),
                        t.claims().issuer("https://attacker.example").build().toString()), "not trusted"),
                new Forged("claims tampered after signing", t -> {
                    String[] parts = t.byBroker(t.claims().build()).split("\\.");
                    String tampered = Base64URL.encode(t.claims().claim("terraform_run_phase", "apply")
                            .subject(E2eVault.SUB + "apply").build().toString()).toString();
                    return parts[0] + "." + tampered + "." + parts[2];
                }, "signature does not verify"),
                new Forged("JWE instead of JWS", t -> "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.YQ.YQ.YQ.YQ",
                        "encrypted"),
                new Forged("numeric jti", t -> signed(t.brokerKey, rs256(t.brokerKey),
                        "{\"jti\":42," + t.claims().jwtID(null).build().toString().substring(1)), "jti must be a string"),
                new Forged("string exp", t -> signed(t.brokerKey, rs256(t.brokerKey),
                        "{\"exp\":\"later\"," + t.claims().expirationTime(null).build().toString().substring(1)),
                        "exp must be a number"),
                new Forged("duplicate jti", t -> signed(t.brokerKey, rs256(t.brokerKey),
                        "{\"jti\":\"first\"," + t.claims().build().toString().substring(1)), "more than once"),
                new Forged("jti of 256 characters", t -> t.byBroker(t.claims().jwtID("j".repeat(256)).build()),
                        "jti is longer than 255"),
                new Forged("run id of 256 characters", t -> t.byBroker(t.claims()
                        .claim("terraform_run_id", "r".repeat(256)).build()), "terraform_run_id is longer than 255"),
                new Forged("sub of 1025 characters", t -> t.byBroker(t.claims().subject("s".repeat(1025)).build()),
                        "sub is longer than 1024"),
                new Forged("NUL byte in jti", t -> t.byBroker(t.claims().jwtID("jti\u0000x").build()),
                        "control characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedTokensShouldBe401WithAChallengeAndReachNeitherVaultNorTheDatabase(Forged forged) {
        String token = forged.token().apply(this);
        Reply reply = untouched(true, () -> send("POST", "/v1/phases", token,
                Map.of("variables", Workspaces.aws(vault(), "iam_user", "deploy"))));
        reply.assertProblem(401, "invalid-workload-token");
        assertTrue(reply.detail().contains(forged.detail()), reply.raw());
        String challenge = reply.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer ") && challenge.contains("error=\"invalid_token\""), challenge);
        reply.assertEchoes(token);
    }

    // ---------------------------------------------------------------------------------------- phase ids

    static Stream<Arguments> junkPhaseIds() {
        String uuid = UUID.randomUUID().toString();
        return Stream.of(Arguments.of("GET", uuid + "%00"), Arguments.of("DELETE", uuid + "%00"),
                Arguments.of("GET", "%00"), Arguments.of("GET", uuid.toUpperCase()), Arguments.of("GET", "x".repeat(300)),
                Arguments.of("DELETE", "..%2F..%2Fsys"), Arguments.of("GET", "1%20OR%201%3D1"),
                Arguments.of("POST", uuid + "%00/heartbeat"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("junkPhaseIds")
    void phaseIdsThatAreNotUuidsShouldBe404WithoutAQuery(String method, String id) {
        String token = broker.token("plan");
        Reply reply = untouched(true, () -> send(method, "/v1/phases/" + id, token, method.equals("POST") ? Map.of() : null));
        reply.assertProblem(404, "phase-not-found");
        assertFalse(reply.raw().contains("\\u0000"), reply.raw());
        reply.assertEchoes(token);
    }

    // ---------------------------------------------------------------------------------------- variables

    static Stream<Arguments> hostileVariables() {
        return Stream.of(
                Arguments.of("SSRF to the metadata service", (Function<String, Map<String, String>>) vault ->
                        Workspaces.aws("http://169.254.169.254", "iam_user", "deploy"), 403, "vault-target-not-allowed"),
                Arguments.of("path injection in the role", (Function<String, Map<String, String>>) vault ->
                        Workspaces.aws(vault, "iam_user", "../../sys/raw"), 400, "invalid-variable"),
                Arguments.of("path injection in the auth path", (Function<String, Map<String, String>>) vault -> {
                    Map<String, String> vars = Workspaces.aws(vault, "iam_user", "deploy");
                    vars.put("TFC_VAULT_AUTH_PATH", "jwt/../token");
                    return vars;
                }, 400, "invalid-variable"),
                Arguments.of("NUL in a role", (Function<String, Map<String, String>>) vault ->
                        Workspaces.aws(vault, "iam_user", "deploy\u0000"), 400, "invalid-variable"),
                Arguments.of("17 configurations", (Function<String, Map<String, String>>) vault -> {
                    Map<String, String> vars = Workspaces.aws(vault, "iam_user", "deploy");
                    vars.put("TFC_DEFAULT_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user");
                    vars.put("TFC_DEFAULT_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "deploy");
                    for (int i = 0; i < 16; i++) {
                        vars.put("TFC_VAULT_BACKED_AWS_AUTH_T" + i, "true");
                    }
                    return vars;
                }, 400, "too-many-configurations"),
                Arguments.of("501 variables", (Function<String, Map<String, String>>) vault -> {
                    Map<String, String> vars = Workspaces.aws(vault, "iam_user", "deploy");
                    for (int i = vars.size(); i < 501; i++) {
                        vars.put("JUNK_" + i, "x");
                    }
                    return vars;
                }, 400, "too-many-variables"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileVariables")
    void hostileVariablesShouldBeRefusedBeforeAnyVaultCall(String name, Function<String, Map<String, String>> vars,
                                                          int status, String type) {
        String token = broker.token("plan");
        Reply reply = untouched(false, () -> send("POST", "/v1/phases", token, Map.of("variables", vars.apply(vault()))));
        reply.assertProblem(status, type);
        reply.assertEchoes(token);
        if (type.startsWith("too-many")) {
            assertTrue(reply.body().get("limit") instanceof Number, reply.raw());
            assertTrue(reply.detail().contains("broker.variables.max-"), reply.raw());
        }
    }

    // ------------------------------------------------------------------------------------ HTTP as such

    @Test
    void anUnknownRouteShouldSaySo() {
        Reply reply = untouched(true, () -> send("GET", "/v1/secrets", broker.token("plan"), null));
        reply.assertProblem(404, "http-404");
        assertEquals("no resource is served at this path", reply.detail(), reply.raw());
    }

    @Test
    void aWrongMethodShouldNameItAndWhatIsAllowed() {
        Reply reply = untouched(true, () -> send("PUT", "/v1/phases", broker.token("plan"), Map.of()));
        reply.assertProblem(405, "http-405");
        assertTrue(reply.detail().startsWith("PUT is not allowed on this path"), reply.raw());
    }

    @Test
    void aBodyThatIsNotJsonShouldBe400AndNotQuoted() {
        String token = broker.token("plan");
        Reply reply = untouched(true, () -> sendRaw("POST", "/v1/phases", token, "{\"variables\": " + token));
        reply.assertProblem(400, "http-400");
        reply.assertEchoes(token);
    }

    @Test
    void aTokenLargerThanTheHeaderLimitShouldNeverReachTheVerifier() {
        String token = byBroker(claims().claim("padding", "p".repeat(20_000)).build());
        Reply reply = untouched(true, () -> send("POST", "/v1/phases", token, Map.of("variables", Map.of())));
        assertTrue(reply.status() == 413 || reply.status() == 431, reply.raw());
        reply.assertEchoes(token);
    }

    @Test
    void anOversizedBodyShouldBeRefused() {
        String token = broker.token("plan");
        Reply reply = untouched(true, () -> sendRaw("POST", "/v1/phases", token,
                "{\"variables\": {\"JUNK\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}"));
        assertEquals(413, reply.status(), reply.raw());
    }

    // ------------------------------------------------------------------------------------------ minting

    @Test
    void mintingWithoutTheOrchestratorCredentialShouldBe401WithAChallenge() {
        Reply reply = untouched(true, () -> send("POST", "/v1/issuer/tokens", "guess", mintBody("vault.workload.identity")));
        reply.assertProblem(401, "orchestrator-unauthenticated");
        assertTrue(reply.header("WWW-Authenticate").contains("error=\"invalid_token\""), reply.header("WWW-Authenticate"));
    }

    @Test
    void mintingForAnAudienceNotConfiguredShouldBeRefused() {
        Reply reply = untouched(true, () -> send("POST", "/v1/issuer/tokens", orchestratorToken,
                mintBody("sts.amazonaws.com")));
        reply.assertProblem(400, "invalid-mint-request");
        assertEquals("audience", reply.body().get("field"), reply.raw());
        assertFalse(reply.raw().contains("\"token\""), reply.raw());
    }

    @Test
    void mintingARunIdLongerThanTheColumnShouldBeRefused() {
        Map<String, Object> body = new HashMap<>(mintBody("vault.workload.identity"));
        body.put("run_id", "r".repeat(256));
        Reply reply = untouched(true, () -> send("POST", "/v1/issuer/tokens", orchestratorToken, body));
        reply.assertProblem(400, "invalid-mint-request");
        assertEquals("run_id", reply.body().get("field"), reply.raw());
    }

    private static Map<String, Object> mintBody(String audience) {
        return Map.of("run_id", "run-1", "organization", "acme", "project", "Default Project",
                "workspace", "networking-prod", "phase", "plan", "audience", audience);
    }

    // ---------------------------------------------------------------------------- limits that must hold

    @Test
    void theLongestRunIdTheMinterSignsShouldOpenAndCloseAPhase() {
        Map<String, Object> body = new HashMap<>(mintBody("vault.workload.identity"));
        body.put("run_id", "r".repeat(255));
        Reply minted = send("POST", "/v1/issuer/tokens", orchestratorToken, body);
        assertEquals(201, minted.status(), minted.raw());
        String token = (String) minted.body().get("token");
        Reply opened = send("POST", "/v1/phases", token, Map.of("variables", Workspaces.aws(vault(), "iam_user", "deploy")));
        assertEquals(201, opened.status(), opened.raw());
        assertEquals("r".repeat(255), opened.body().get("run_id"));
        assertEquals(204, send("DELETE", "/v1/phases/" + opened.body().get("phase_id"), token, null).status());
    }

    @Test
    void columnsShouldBeAsWideAsTheClaimLimits() throws SQLException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("phase_session.jti", dev.credbroker.workload.ClaimLimits.JTI);
        expected.put("phase_session.run_id", dev.credbroker.workload.ClaimLimits.RUN_ID);
        expected.put("phase_session.subject", dev.credbroker.workload.ClaimLimits.SUBJECT);
        expected.put("phase_session.issuer", dev.credbroker.workload.ClaimLimits.ISSUER);
        expected.put("audit_event.run_id", dev.credbroker.workload.ClaimLimits.RUN_ID);
        try (Connection c = SharedDatabase.connect(broker.context.getEnvironment());
             PreparedStatement s = c.prepareStatement("SELECT character_maximum_length FROM information_schema.columns"
                     + " WHERE LOWER(table_name) = ? AND LOWER(column_name) = ?")) {
            for (var column : expected.entrySet()) {
                String[] parts = column.getKey().split("\\.");
                s.setString(1, parts[0]);
                s.setString(2, parts[1]);
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), column.getKey());
                    assertEquals(column.getValue().intValue(), r.getInt(1), column.getKey());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ support

    private String vault() {
        return broker.sim.address().toString();
    }

    /**
     * Runs {@code call} and asserts vault-sim received no request meanwhile, and, when {@code noQuery}, that the
     * broker ran no database transaction either.
     */
    private Reply untouched(boolean noQuery, java.util.function.Supplier<Reply> call) {
        long vaultBefore = broker.sim.requestCount();
        long dbBefore = TransactionCounter.transactions();
        Reply reply = call.get();
        assertEquals(vaultBefore, broker.sim.requestCount(), () -> "Vault was called: " + reply.raw());
        if (noQuery) {
            assertEquals(dbBefore, TransactionCounter.transactions(), () -> "the database was asked: " + reply.raw());
        }
        reply.assertEchoes(orchestratorToken);
        reply.assertEchoes(reaperToken);
        reply.assertEchoes(broker.sim.rootToken());
        return reply;
    }

    record Reply(int status, HttpResponse<String> response, Map<String, Object> body, String raw) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        String detail() {
            return String.valueOf(body.get("detail"));
        }

        void assertProblem(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, raw);
            assertTrue(header("Content-Type").startsWith("application/problem+json"), header("Content-Type"));
            assertEquals("urn:credbroker:problem:" + code, body.get("type"), raw);
            assertEquals(expectedStatus, ((Number) body.get("status")).intValue(), raw);
            if (expectedStatus == 401) {
                assertTrue(header("WWW-Authenticate").startsWith("Bearer "), "401 without a Bearer challenge");
            }
        }

        /** Neither the secret nor any long part of it (a JWT's signature, say) is in the answer or its headers. */
        void assertEchoes(String secret) {
            if (secret == null) {
                return;
            }
            String everything = raw + response.headers().map();
            for (String part : secret.split("\\.")) {
                assertFalse(part.length() >= 12 && everything.contains(part), "a secret came back: " + raw);
            }
        }
    }

    private Reply send(String method, String path, String bearer, Object body) {
        try {
            return sendRaw(method, path, bearer, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Reply sendRaw(String method, String path, String bearer, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.url() + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            Map<String, Object> parsed = !json || response.body().isEmpty() ? Map.of()
                    : JSON.readValue(response.body(), Map.class);
            return new Reply(response.statusCode(), response, parsed, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
