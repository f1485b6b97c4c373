package dev.credbroker.audit.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every event kind, written exactly as a SIEM receives it, compared byte for byte with
 * {@code src/test/resources/audit/golden/<kind>.json}: a renamed, reordered or retyped field is a schema change
 * and shows up here. {@code -Daudit.golden.update=true} rewrites the files (then read the diff).
 */
class EventJsonGoldenTest {
    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Actor RUN = new Actor("workload", "https://app.terraform.io",
            "organization:acme:project:Default Project:workspace:networking-prod:run_phase:apply", "run-abc123",
            "apply", "networking-prod");
    private static final Actor STORED = new Actor("workload", "https://app.terraform.io",
            "organization:acme:project:Default Project:workspace:networking-prod:run_phase:apply", "run-abc123",
            "apply", null);
    private static final String PHASE = "6f1c2b7e-0000-4000-8000-000000000001";

    static List<AuditEvent> samples() {
        return List.of(
                new PhaseRefused(RUN, "jti-1", new Failure("workload-token-replayed",
                        "workload token jti-1 already opened a phase")),
                new PhaseOpening(PHASE, RUN, "jti-1", 2, T.plusSeconds(1800)),
                new PhaseOpened(PHASE, RUN, List.of("acc-1"), List.of(
                        new IssuedCredentialRecord("aws", "", "aws/creds/deploy/L1", "acc-1", true, T.plusSeconds(900),
                                List.of("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID")),
                        new IssuedCredentialRecord("gcp", "PROD", null, "acc-1", false, null,
                                List.of("GOOGLE_OAUTH_ACCESS_TOKEN")))),
                new PhaseOpenFailed(PHASE, STORED, new Failure("vault-refused",
                        "Vault refused the login: claim \"run_phase\" does not match"), List.of("aws/creds/deploy/L1"),
                        true),
                new PhaseRenewed(PHASE, STORED, 2),
                new PhaseCredentialsRefreshed(PHASE, STORED, new IssuedCredentialRecord("aws", "", "aws/sts/assume/L2",
                        "acc-1", false, T.plusSeconds(900), List.of("AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID")),
                        List.of("aws/sts/assume/L1")),
                new PhaseClosing(PHASE, STORED, "closed-by-runner"),
                new PhaseReaped(PHASE, STORED, "heartbeat-lapsed"),
                new PhaseRevoked(PHASE, STORED, "closed-by-runner", List.of("acc-1"), List.of("aws/creds/deploy/L1")),
                new RevocationFailed(PHASE, STORED, 1, new Failure("vault-unavailable",
                        "Vault at https://vault:8200 answered 503 to PUT sys/leases/revoke"), T.plusSeconds(5)),
                new KeyRotated("kid-2", "kid-3", "kid-1"),
                new TokenMinted(RUN, "kid-2", "jti-9", List.of("vault.workload.identity"), T.plusSeconds(600)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachKindIsWrittenAsItsGoldenFile(AuditEvent event) throws IOException {
        String written = EventJson.render(event, "00000000-0000-4000-8000-00000000e001", T, "broker-a");
        String name = "audit/golden/" + event.kind() + ".json";
        if (Boolean.getBoolean("audit.golden.update")) {
            Files.writeString(Path.of("src/test/resources", name), written + "\n");
        }
        try (InputStream golden = getClass().getClassLoader().getResourceAsStream(name)) {
            assertNotNull(golden, "no golden file " + name);
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8).strip(), written);
        }
    }

    @Test
    void everyKindHasAGoldenSample() {
        Set<String> sampled = samples().stream().map(e -> e.getClass().getName()).collect(Collectors.toSet());
        Set<String> kinds = Arrays.stream(AuditEvent.class.getPermittedSubclasses()).map(Class::getName)
                .collect(Collectors.toSet());
        assertEquals(kinds, sampled);
    }

    @Test
    void textIsEscapedAsJsonRequires() {
        String written = EventJson.render(new PhaseClosing(PHASE, STORED, "a \"quoted\"\\ reason\n\u0001"),
                "e", T, "i");
        assertEquals(true, written.endsWith("\"reason\":\"a \\\"quoted\\\"\\\\ reason\\n\\u0001\"}"), written);
    }

    @Test
    void aValueWithNoJsonShapeIsRefusedRatherThanWrittenAsToString() {
        assertThrows(IllegalArgumentException.class, () -> EventJson.value(new StringBuilder(), new Object()));
    }
}
