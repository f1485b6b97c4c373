package dev.credbroker.support;

import dev.credbroker.api.OperatorCredential;
import dev.credbroker.api.OperatorSettings;
import dev.credbroker.audit.AuditSettings;
import dev.credbroker.issuer.IssuerConfiguration;
import dev.credbroker.issuer.SigningAlgorithm;
import dev.credbroker.phase.PhaseSettings;
import dev.credbroker.variables.VariableLimits;
import dev.credbroker.workload.TrustedIssuerConfiguration;
import dev.credbroker.workload.WorkloadSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings records: their defaults when nothing is set, what a setting changes, and a bad value stopping the
 * start with one line that names the key.
 */
class ConfigurationValidationTest {

    private static <T> T bound(Class<T> type, Map<String, Object> properties) {
        try (ApplicationContext ctx = ApplicationContext.run(properties, Environment.TEST)) {
            return ctx.getBean(type);
        }
    }

    @Test
    void nothingSetShouldGiveTheDocumentedDefaults() {
        assertEquals(new VariableLimits(16, 500), bound(VariableLimits.class, Map.of()));
        assertEquals(VariableLimits.DEFAULTS, bound(VariableLimits.class, Map.of()));
        assertEquals(new WorkloadSettings(Duration.ofSeconds(60), 60), bound(WorkloadSettings.class, Map.of()));
        PhaseSettings phases = bound(PhaseSettings.class, Map.of());
        PhaseSettings defaults = PhaseSettings.defaults();
        assertEquals(new PhaseSettings(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMinutes(5),
                phases.instanceId()), phases, "application.yml's placeholders default to the record's values");
        assertEquals(new PhaseSettings(defaults.heartbeatTimeout(), defaults.maxDuration(), defaults.renewWithin(),
                defaults.renewIncrement(), defaults.claimDuration(), defaults.retryMin(), defaults.retryMax(),
                phases.instanceId()), phases);
        assertEquals(36, phases.instanceId().length(), "a UUID per process unless set");
        assertEquals(new IssuerConfiguration(true, "http://localhost:8080", Path.of("./data/issuer-keys"), "RS256",
                Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(30), true, null, null,
                List.of("vault.workload.identity")), bound(IssuerConfiguration.class, Map.of()));
    }

    @Test
    void settingsShouldBeBoundFromTheirKeys() {
        assertEquals(new VariableLimits(3, 40), bound(VariableLimits.class,
                Map.of("broker.variables.max-configurations", "3", "broker.variables.max-variables", "40")));
        assertEquals(new WorkloadSettings(Duration.ofSeconds(5), 2), bound(WorkloadSettings.class,
                Map.of("broker.workload.clock-skew", "5s", "broker.workload.refusal-log-per-minute", "2")));
        PhaseSettings phases = bound(PhaseSettings.class, Map.of("broker.phases.heartbeat-timeout", "90s",
                "broker.phases.max-duration", "2h", "broker.phases.retry-max", "1m",
                "broker.phases.instance-id", "b-1"));
        assertEquals(List.of(Duration.ofSeconds(90), Duration.ofHours(2), Duration.ofMinutes(1), "b-1"),
                List.of(phases.heartbeatTimeout(), phases.maxDuration(), phases.retryMax(), phases.instanceId()));
        IssuerConfiguration issuer = bound(IssuerConfiguration.class, Map.of(
                "broker.issuer.url", " https://b.example/ ", "broker.issuer.algorithm", "es256",
                "broker.issuer.max-ttl", "30m", "broker.issuer.orchestrator-token", "",
                "broker.issuer.audiences", "a,b"));
        assertEquals(List.of("https://b.example", SigningAlgorithm.ES256, Duration.ofMinutes(30),
                Duration.ofMinutes(30), List.of("a", "b")), List.of(issuer.url(), issuer.signingAlgorithm(),
                issuer.maxTtl(), issuer.defaultTtl(), issuer.audiences()), "default-ttl is capped at max-ttl");
        assertEquals(null, issuer.orchestratorToken(), "blank counts as unset");
        assertEquals(OperatorSettings.NONE, bound(OperatorSettings.class, Map.of()), "application.yml's blanks");
        assertEquals(new OperatorSettings("op", "/run/op"), bound(OperatorSettings.class,
                Map.of("broker.operator.token", " op ", "broker.operator.token-file", "/run/op")));
        // BROKER_OPERATOR_TOKEN_FILE also reaches the environment as broker.operator.token.file
        assertEquals(new OperatorSettings(null, "/run/op"), bound(OperatorSettings.class,
                Map.of("broker.operator.token-file", "/run/op", "broker.operator.token.file", "/run/op")));
        assertEquals(new TrustedIssuerConfiguration("tfe", "https://tfe.example", null, null, List.of("v"),
                List.of("RS256", "ES256"), Duration.ofMinutes(10)), bound(TrustedIssuerConfiguration.class, Map.of(
                "broker.workload.trusted-issuers.tfe.issuer", "https://tfe.example/",
                "broker.workload.trusted-issuers.tfe.audiences", "v")), "the algorithms and jwks-refresh defaults");
        assertEquals("", bound(AuditSettings.class, Map.of("broker.audit.log-file", "")).logFile(),
                "empty turns the file off");
    }

    @ParameterizedTest
    @CsvSource({
            "broker.variables.max-configurations, 0, dev.credbroker.variables.VariableLimits",
            "broker.variables.max-variables, -1, dev.credbroker.variables.VariableLimits",
            "broker.workload.refusal-log-per-minute, 0, dev.credbroker.workload.WorkloadSettings"})
    void aValueOutOfRangeShouldStopTheStartNamingTheKey(String key, String value, Class<?> type) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> bound(type, Map.of(key, value)));
        String line = key + " must be at least 1";
        assertTrue(causes(refused).contains(line), causes(refused));
    }

    @ParameterizedTest
    @CsvSource({
            "broker.phases.heartbeat-timeout, 0s, broker.phases.heartbeat-timeout must be a positive duration",
            "broker.phases.max-duration, -1h, broker.phases.max-duration must be a positive duration",
            "broker.phases.retry-min, 0s, broker.phases.retry-min must be a positive duration",
            "broker.phases.retry-min, 10m, broker.phases.retry-min (PT10M) must not exceed broker.phases.retry-max"})
    void aPhaseDurationOutOfRangeShouldStopTheStartNamingTheKey(String key, String value, String line) {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> bound(PhaseSettings.class, Map.of(key, value)));
        assertTrue(causes(refused).contains(line), causes(refused));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "broker.issuer.algorithm | HS256 | broker.issuer.algorithm must be RS256 or ES256, not HS256",
            "broker.issuer.max-ttl | 0s | broker.issuer.max-ttl must be a positive duration",
            "broker.issuer.default-ttl | -5m | broker.issuer.default-ttl must be a positive duration",
            "broker.issuer.rotation-period | 0s | broker.issuer.rotation-period must be a positive duration",
            "broker.issuer.url | issuer.example | broker.issuer.url must start with https:// or http://"})
    void aBadIssuerValueShouldStopTheStartNamingTheKey(String key, String value, String line) {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> bound(IssuerConfiguration.class, Map.of(key, value)));
        assertTrue(causes(refused).contains(line), causes(refused));
    }

    /** Micronaut binds a value it can't convert as if unset: without SettingsReadable these start on defaults. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "broker.phases.heartbeat-timeout | abc | broker.phases.heartbeat-timeout is not a duration (such as 30s, 5m, 4h): abc",
            "broker.issuer.max-ttl | 2 hours | broker.issuer.max-ttl is not a duration (such as 30s, 5m, 4h): 2 hours",
            "broker.variables.max-configurations | lots | broker.variables.max-configurations is not a whole number: lots",
            "broker.workload.trusted-issuers.tfe.jwks-refresh | soon | broker.workload.trusted-issuers.tfe.jwks-refresh is not a duration (such as 30s, 5m, 4h): soon",
            "broker.vault.targets.main.request-timeout | ten seconds | broker.vault.targets.main.request-timeout is not a duration (such as 30s, 5m, 4h): ten seconds"})
    void aValueItsTypeCannotReadShouldStopTheStartNamingTheKey(String key, String value, String line) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> bound(PhaseSettings.class,
                Map.of(key, value, "broker.workload.trusted-issuers.tfe.issuer", "https://tfe.example")));
        assertTrue(causes(refused).contains(line), causes(refused));
    }

    @Test
    void aTrustedIssuerJwksRefreshOfZeroShouldStopTheStartNamingTheKey() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> bound(TrustedIssuerConfiguration.class,
                Map.of("broker.workload.trusted-issuers.tfe.issuer", "https://tfe.example",
                        "broker.workload.trusted-issuers.tfe.jwks-refresh", "0s")));
        assertTrue(causes(refused).contains(
                "broker.workload.trusted-issuers.tfe.jwks-refresh must be a positive duration"), causes(refused));
    }

    @Test
    void anUnreadableOperatorTokenFileShouldStopTheStartNamingTheKey() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> bound(OperatorCredential.class,
                Map.of("broker.operator.token-file", "/nonexistent/operator-token")));
        assertTrue(causes(refused).contains("cannot read broker.operator.token-file /nonexistent/operator-token"),
                causes(refused));
    }

    /** One default for the broker's database: the server's datasource and the audit commands read broker.db.*. */
    @Test
    void theServerAndTheAuditCommandsShouldOpenTheSameDatabase() {
        // the environments alone (property sources, no beans): application-test.yml's datasource left out
        Environment server = environment(Map.of());
        Environment cli = environment(Map.of(), "cli");
        Environment moved = environment(Map.of("broker.db.url", "jdbc:h2:mem:moved"));
        try {
            String url = server.getRequiredProperty("datasources.default.url", String.class);
            assertTrue(url.startsWith("jdbc:h2:file:./data/credbroker;"), url);
            assertEquals(url, server.getRequiredProperty("broker.db.url", String.class));
            assertEquals(url, cli.getRequiredProperty("broker.db.url", String.class));
            assertEquals("sa", cli.getRequiredProperty("broker.db.user", String.class));
            assertTrue(cli.getRequiredProperty("datasources.default.url", String.class).startsWith("jdbc:h2:mem:"),
                    "the command line's own context stays in memory");
            assertEquals("jdbc:h2:mem:moved", moved.getRequiredProperty("datasources.default.url", String.class));
        } finally {
            server.stop();
            cli.stop();
            moved.stop();
        }
    }

    private static Environment environment(Map<String, Object> properties, String... names) {
        return ApplicationContext.builder().deduceEnvironment(false).environments(names).properties(properties)
                .build().getEnvironment().start();
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
