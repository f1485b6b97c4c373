package dev.credbroker.vault;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.credbroker.variables.VaultConfig;
import dev.credbroker.workload.RunIdentity;
import dev.credbroker.workload.RunPhase;
import dev.credbroker.workload.WorkloadToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact requests the broker sends Vault, as they arrive on the wire: method, path, JSON body and headers,
 * with a namespace and without one. The phase's calls carry its token and {@code X-Credbroker-Run-Id}; the
 * revocations carry the reaper's token. No token or JWT shows in a log line or an exception message.
 */
class HttpVaultGatewayRequestsTest {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJydW4ifQ.c2lnbmF0dXJlLXNlY3JldA";
    private static final String PHASE_TOKEN = "hvs.PHASE-TOKEN-SECRET";
    private static final String REAPER_TOKEN = "hvs.REAPER-TOKEN-SECRET";
    private static final String RUN_ID = "run-Xq3vWb7";
    private static final String LOGIN_ANSWER = """
            {"auth": {"client_token": "hvs.PHASE-TOKEN-SECRET", "accessor": "acc-1", "lease_duration": 1200,
                      "renewable": true, "policies": ["default", "plan"], "token_type": "service"}}""";

    private final JsonMapper json = JsonMapper.createDefault();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private RecordingVault vault;
    private HttpVaultGateway sut;
    private VaultTargets targets;

    @BeforeEach
    void start() throws IOException {
        vault = new RecordingVault();
        VaultTarget target = new VaultTarget("main");
        target.setAddress(vault.address().toString());
        target.setAllowedNamespaces(List.of("admin/team-a"));
        target.setRevocationToken(REAPER_TOKEN);
        VaultHttpClient http = new VaultHttpClient(json);
        targets = new VaultTargets(List.of(target));
        sut = new HttpVaultGateway(http, targets, new RevocationIdentity(http, clock), clock);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        vault.close();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage();
            for (String secret : List.of(JWT, PHASE_TOKEN, REAPER_TOKEN)) {
                assertFalse(line.contains(secret), () -> "a secret in the log line: " + event.getLoggerName());
            }
        }
    }

    private AllowedVault config(String namespace) {
        return targets.check(new VaultConfig("", vault.address(), Optional.ofNullable(namespace), "jwt", "plan-role",
                "vault.workload.identity", Optional.empty(), Duration.ofSeconds(5)));
    }

    private static WorkloadToken workloadToken() {
        return new WorkloadToken(new RunIdentity("https://issuer.example", "organization:acme:run_phase:plan",
                "jti-1", RUN_ID, RunPhase.PLAN, "acme", Optional.empty(), "ws", Optional.empty(),
                List.of("vault.workload.identity"), NOW, NOW.plusSeconds(600)), JWT);
    }

    private VaultLogin login(String namespace) {
        vault.answer(200, LOGIN_ANSWER);
        VaultLogin login = sut.login(config(namespace), workloadToken());
        vault.clear();
        return login;
    }

    private Map<String, Object> parsed(String body) throws IOException {
        return json.readValue(body, MAP);
    }

    /** Method, path and body exactly; every request says it is an API request and is JSON. */
    private void assertRequest(RecordingVault.Received request, String method, String path, String expectedJson)
            throws IOException {
        assertEquals(method, request.method());
        assertEquals(path, request.path());
        if (expectedJson == null) {
            assertEquals("", request.body(), "no body");
        } else {
            assertEquals(parsed(expectedJson), parsed(request.body()));
        }
        assertEquals(Optional.of("true"), request.header("X-Vault-Request"));
        assertEquals(Optional.of("application/json"), request.header("Content-Type"));
    }

    /** The namespace header is sent exactly when the configuration has a namespace. */
    private static void assertNamespace(RecordingVault.Received request, String namespace) {
        assertEquals(Optional.ofNullable(namespace), request.header("X-Vault-Namespace"));
    }

    /** A call made with the phase's own token: that token, and the run's id for Vault's audit log. */
    private static void assertPhaseCall(RecordingVault.Received request, String namespace) {
        assertEquals(Optional.of(PHASE_TOKEN), request.header("X-Vault-Token"));
        assertEquals(Optional.of(RUN_ID), request.header(VaultHttpClient.RUN_ID_HEADER));
        assertNamespace(request, namespace);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void loginShouldPutRoleAndJwtWithTheRunIdAndNoToken(String namespace) throws IOException {
        vault.answer(200, LOGIN_ANSWER);

        VaultLogin login = sut.login(config(namespace), workloadToken());

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/auth/jwt/login", "{\"role\": \"plan-role\", \"jwt\": \"" + JWT + "\"}");
        assertEquals(Optional.empty(), request.header("X-Vault-Token"), "a login carries no token");
        assertEquals(Optional.of(RUN_ID), request.header(VaultHttpClient.RUN_ID_HEADER));
        assertNamespace(request, namespace);
        assertEquals("acc-1", login.accessor());
        assertEquals(NOW.plusSeconds(1200), login.expiresAt(), "expiry from the injected clock and the TTL");
        assertEquals(Optional.ofNullable(namespace), login.namespace());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void leaseReadsShouldUseThePhasesTokenAndSendParametersOnlyWhenWriting(String namespace) throws IOException {
        VaultLogin login = login(namespace);
        vault.answer(200, """
                {"lease_id": "aws/creds/deploy/L1", "lease_duration": 900, "renewable": true,
                 "data": {"access_key": "AKIA1", "secret_key": "s1"}}""");
        vault.answer(200, """
                {"lease_id": "aws/sts/deploy/L2", "lease_duration": 900, "renewable": false,
                 "data": {"access_key": "ASIA2", "secret_key": "s2", "session_token": "t2"}}""");

        VaultSecret iamUser = sut.read(login, VaultRequest.get("aws/creds/deploy"));
        sut.read(login, VaultRequest.post("aws/sts/deploy", Map.of("role_arn", "arn:aws:iam::1:role/r")));

        List<RecordingVault.Received> requests = vault.received();
        assertEquals(2, requests.size());
        assertRequest(requests.get(0), "GET", "/v1/aws/creds/deploy", null);
        assertPhaseCall(requests.get(0), namespace);
        assertRequest(requests.get(1), "POST", "/v1/aws/sts/deploy", "{\"role_arn\": \"arn:aws:iam::1:role/r\"}");
        assertPhaseCall(requests.get(1), namespace);
        assertEquals("aws/creds/deploy/L1", iamUser.leaseId());
        assertEquals(Duration.ofSeconds(900), iamUser.leaseDuration());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void leaseRenewalShouldPutTheLeaseIdAndIncrementInSeconds(String namespace) throws IOException {
        VaultLogin login = login(namespace);
        vault.answer(200, "{\"lease_id\": \"aws/creds/deploy/L1\", \"lease_duration\": 600, \"renewable\": true}");

        Instant expires = sut.renewLease(login, "aws/creds/deploy/L1", Duration.ofMinutes(10));

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/sys/leases/renew",
                "{\"lease_id\": \"aws/creds/deploy/L1\", \"increment\": 600}");
        assertPhaseCall(request, namespace);
        assertEquals(NOW.plusSeconds(600), expires);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void tokenRenewalShouldPutTheIncrementToRenewSelf(String namespace) throws IOException {
        VaultLogin login = login(namespace);
        vault.answer(200, "{\"auth\": {\"client_token\": \"" + PHASE_TOKEN + "\", \"lease_duration\": 1800}}");

        Instant expires = sut.renewSelf(login, Duration.ofMinutes(30));

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/auth/token/renew-self", "{\"increment\": 1800}");
        assertPhaseCall(request, namespace);
        assertEquals(NOW.plusSeconds(1800), expires);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void revokeSelfShouldPutAnEmptyObjectWithThePhasesToken(String namespace) throws IOException {
        VaultLogin login = login(namespace);

        sut.revokeSelf(login);

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/auth/token/revoke-self", "{}");
        assertPhaseCall(request, namespace);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void leaseRevocationShouldBeSynchronousWithTheRevocationIdentitysTokenAndTheRunId(String namespace) throws IOException {
        sut.brokerRevoker(RUN_ID).revokeLease(vault.address(), Optional.ofNullable(namespace), "aws/creds/deploy/L1");

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/sys/leases/revoke",
                "{\"lease_id\": \"aws/creds/deploy/L1\", \"sync\": true}");
        assertEquals(Optional.of(REAPER_TOKEN), request.header("X-Vault-Token"));
        assertEquals(Optional.of(RUN_ID), request.header(VaultHttpClient.RUN_ID_HEADER));
        assertNamespace(request, namespace);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "admin/team-a")
    void accessorRevocationShouldNameTheAccessorWithTheRevocationIdentitysTokenAndTheRunId(String namespace) throws IOException {
        sut.brokerRevoker(RUN_ID).revokeAccessor(vault.address(), Optional.ofNullable(namespace), "acc-1");

        RecordingVault.Received request = vault.only();
        assertRequest(request, "PUT", "/v1/auth/token/revoke-accessor", "{\"accessor\": \"acc-1\"}");
        assertEquals(Optional.of(REAPER_TOKEN), request.header("X-Vault-Token"));
        assertEquals(Optional.of(RUN_ID), request.header(VaultHttpClient.RUN_ID_HEADER));
        assertNamespace(request, namespace);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 500, 503})
    void refusalsAndFailuresShouldNameNoTokenNorJwt(int status) {
        VaultLogin login = login(null);
        List<org.junit.jupiter.api.function.Executable> calls = List.of(
                () -> sut.login(config(null), workloadToken()),
                () -> sut.read(login, VaultRequest.get("aws/creds/deploy")),
                () -> sut.renewLease(login, "aws/creds/deploy/L1", Duration.ofMinutes(1)),
                () -> sut.renewSelf(login, Duration.ofMinutes(1)),
                () -> sut.brokerRevoker(RUN_ID).revokeLease(vault.address(), Optional.empty(), "aws/creds/deploy/L1"),
                () -> sut.brokerRevoker(RUN_ID).revokeAccessor(vault.address(), Optional.empty(), "acc-1"));
        for (org.junit.jupiter.api.function.Executable call : calls) {
            vault.answer(status, "{\"errors\": [\"permission denied\"]}");
            RuntimeException e = assertThrows(RuntimeException.class, call);
            assertTrue(e instanceof VaultRefusedException || e instanceof VaultUnavailableException,
                    e.getClass().getName());
            for (String secret : List.of(JWT, PHASE_TOKEN, REAPER_TOKEN)) {
                assertFalse(String.valueOf(e.getMessage()).contains(secret), e::getMessage);
            }
        }
        assertEquals(calls.size(), vault.received().size(), "each call reached Vault once");
    }
}
