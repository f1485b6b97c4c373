package dev.credbroker.workload;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWK;
import dev.credbroker.issuer.KeyRing;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.credbroker.workload.NimbusWorkloadTokenVerifierTest.OWN;
import static dev.credbroker.workload.NimbusWorkloadTokenVerifierTest.claims;
import static dev.credbroker.workload.NimbusWorkloadTokenVerifierTest.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validly signed tokens whose claims would not fit the store, headers the broker does not understand, claims of
 * the wrong type, and the refusal log. Tokens are signed with the broker's own issuer key.
 */
class HostileTokenClaimsTest {
    @TempDir
    static Path dir;
    static ApplicationContext ctx;
    static WorkloadTokenVerifier verifier;
    static JWK ownKey;
    private ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void startBroker() {
        ctx = ApplicationContext.run(Map.of("broker.issuer.key-dir", dir.resolve("keys").toString(),
                "broker.issuer.url", OWN), Environment.TEST);
        verifier = ctx.getBean(WorkloadTokenVerifier.class);
        ownKey = ctx.getBean(KeyRing.class).activeKey().jwk();
    }

    @AfterAll
    static void stopBroker() {
        ctx.close();
    }

    @BeforeEach
    void captureRefusals() {
        logged = new ListAppender<>();
        logged.start();
        ((Logger) RefusalLog.LOG).addAppender(logged);
    }

    @AfterEach
    void release() {
        ((Logger) RefusalLog.LOG).detachAppender(logged);
    }

    /** Refused as an invalid token, the message names {@code expected} and quotes no part of the token. */
    static void assertRefused(String token, String expected) {
        var e = assertThrows(InvalidWorkloadTokenException.class, () -> verifier.verify(token));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        for (String part : token.split("\\.")) {
            assertFalse(part.length() > 8 && e.getMessage().contains(part), "the message quotes the token");
        }
        assertEquals("invalid-workload-token", e.code());
    }

    @ParameterizedTest(name = "{0} of {1} characters is refused")
    @CsvSource({"jti, 256", "terraform_run_id, 256", "sub, 1025", "terraform_workspace_name, 257",
            "terraform_organization_name, 257", "terraform_project_name, 257"})
    void overLongClaimsShouldBeRefusedAsInvalidTokens(String claim, int length) throws Exception {
        assertRefused(sign(ownKey, claims(OWN).claim(claim, "x".repeat(length)).build()),
                "claim " + claim + " is longer than " + (length - 1));
    }

    @ParameterizedTest(name = "{0} at its limit of {1} is accepted")
    @CsvSource({"jti, 255", "terraform_run_id, 255", "sub, 1024"})
    void claimsAtTheirLimitShouldBeAccepted(String claim, int length) throws Exception {
        WorkloadToken token = verifier.verify(sign(ownKey, claims(OWN).claim(claim, "x".repeat(length)).build()));
        String kept = switch (claim) {
            case "jti" -> token.identity().jti();
            case "sub" -> token.identity().subject();
            default -> token.identity().runId();
        };
        assertEquals(length, kept.length());
    }

    @Test
    void limitsShouldMatchTheColumnsTheyAreStoredIn() {
        // V1__phase_sessions.sql: jti VARCHAR(255), run_id VARCHAR(255), subject VARCHAR(1024), issuer VARCHAR(512)
        assertEquals(255, ClaimLimits.JTI);
        assertEquals(255, ClaimLimits.RUN_ID);
        assertEquals(1024, ClaimLimits.SUBJECT);
        assertEquals(512, ClaimLimits.ISSUER);
    }

    @ParameterizedTest(name = "NUL in {0}")
    @CsvSource({"jti", "terraform_run_id", "sub"})
    void controlCharactersInStoredClaimsShouldBeRefused(String claim) throws Exception {
        assertRefused(sign(ownKey, claims(OWN).claim(claim, "run\u0000x").build()),
                "claim " + claim + " contains control characters");
    }

    @Test
    void anUnknownCriticalHeaderShouldBeNamedNotCalledABadSignature() throws Exception {
        RSAKey key = (RSAKey) ownKey;
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).criticalParams(Set.of("exp-check")).customParam("exp-check", true).build(),
                new Payload(claims(OWN).build().toJSONObject()));
        jws.sign(new RSASSASigner(key));
        assertRefused(jws.serialize(), "crit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "numeric jti|jti|42|claim jti must be a string, not a number",
            "string exp|exp|\"tomorrow\"|claim exp must be a number (seconds since the epoch), not a string",
            "object aud|aud|{\"a\":1}|claim aud must be a string or an array of strings, not an object",
            "duplicate jti|jti|\"again\"|name a member more than once",
            "numeric run id|terraform_run_id|7|claim terraform_run_id must be a string, not a number"})
    void claimsOfTheWrongTypeShouldSayWhich(String name, String claim, String json, String expected) throws Exception {
        Map<String, Object> all = claims(OWN).build().toJSONObject();
        if (!name.startsWith("duplicate")) {
            all.remove(claim);
        }
        String rest = new Payload(all).toString();
        String payload = "{\"" + claim + "\":" + json + "," + rest.substring(1);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(ownKey.getKeyID()).build(), new Payload(payload));
        jws.sign(new RSASSASigner((RSAKey) ownKey));
        assertRefused(jws.serialize(), expected);
    }

    @Test
    void aRefusalShouldBeLoggedOnceAtWarnWithIssuerKidAndJtiButNotTheToken() throws Exception {
        String token = sign(ownKey, claims(OWN).jwtID("jti-refused-1").audience("sts.amazonaws.com").build());
        assertThrows(InvalidWorkloadTokenException.class, () -> verifier.verify(token));
        assertEquals(1, logged.list.size(), () -> logged.list.toString());
        ILoggingEvent line = logged.list.get(0);
        assertEquals(Level.WARN, line.getLevel());
        String text = line.getFormattedMessage();
        assertTrue(text.contains("audience is not accepted"), text);
        assertTrue(text.contains("issuer=" + OWN), text);
        assertTrue(text.contains("kid=" + ownKey.getKeyID()), text);
        assertTrue(text.contains("jti=jti-refused-1"), text);
        for (String part : token.split("\\.")) {
            assertFalse(text.contains(part), "no part of the token is logged");
        }
    }

    @Test
    void refusalLogShouldKeepForgedLineBreaksOutOfTheLog() throws Exception {
        String token = sign(ownKey, claims("https://evil.example\nINFO forged line").build());
        assertThrows(InvalidWorkloadTokenException.class, () -> verifier.verify(token));
        String text = logged.list.get(0).getFormattedMessage();
        assertFalse(text.contains("\n"), text);
        assertTrue(text.contains("is not trusted"), text);
    }

    @Test
    void refusalLogShouldStopAtItsRateAndSayHowManyItLeftOut() {
        MutableInstant now = new MutableInstant();
        RefusalLog log = new RefusalLog(new WorkloadSettings(Duration.ofSeconds(60), 3), now.clock());
        for (int i = 0; i < 10; i++) {
            log.refused("bad token " + i, TokenFacts.UNKNOWN);
        }
        assertEquals(3, logged.list.size(), "a flood writes only the rate's worth of lines");
        now.at = now.at.plusSeconds(61);
        log.refused("after the minute", TokenFacts.UNKNOWN);
        assertEquals(4, logged.list.size());
        assertTrue(logged.list.get(3).getFormattedMessage().contains("7 earlier refusal(s) were not logged"),
                logged.list.get(3).getFormattedMessage());
        assertEquals(List.of(Level.WARN), logged.list.stream().map(ILoggingEvent::getLevel).distinct().toList());
    }

    private static final class MutableInstant {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        Clock clock() {
            return new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return at;
                }
            };
        }
    }
}
