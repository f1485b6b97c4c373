package dev.credbroker.cli.phase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of {@code credbroker phase} that need no broker: layout, variables, the output directory. */
class PhaseCommandSupportTest {
    @TempDir
    Path dir;

    private static Map<String, Object> credential(String provider, String tag, Map<String, String> env,
                                                  Map<String, String> files, Map<String, String> fields) {
        Map<String, Object> c = new HashMap<>();
        c.put("provider", provider);
        c.put("tag", tag);
        c.put("env", env);
        c.put("files", files);
        c.put("terraform_fields", fields);
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void layoutShouldBuildHcpShapedVariablesWithAbsoluteFileNamesAndNullsForMissingFields() throws Exception {
        List<Object> credentials = List.of(
                credential("aws", "", Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SHARED_CREDENTIALS_FILE",
                        "vault_backed_aws_credentials"), Map.of("vault_backed_aws_credentials", "[default]"),
                        Map.of("shared_credentials_file", "vault_backed_aws_credentials")),
                credential("aws", "PROD", Map.of(), Map.of("vault_backed_aws_PROD_credentials", "[default]"),
                        Map.of("shared_credentials_file", "vault_backed_aws_PROD_credentials")),
                credential("gcp", "EU", Map.of(), Map.of(), Map.of("access_token", "ya29.secret")));
        CredentialLayout layout = CredentialLayout.of(credentials, name -> "/abs/" + name);

        assertEquals("/abs/vault_backed_aws_credentials", layout.env.get("AWS_SHARED_CREDENTIALS_FILE"));
        assertEquals("AKIA1", layout.env.get("AWS_ACCESS_KEY_ID"), "values that are not file names stay");
        Map<String, Object> aws = (Map<String, Object>) layout.terraformVariables
                .get("tfc_vault_backed_aws_dynamic_credentials");
        assertEquals(Map.of("shared_credentials_file", "/abs/vault_backed_aws_credentials"), aws.get("default"));
        assertEquals(Map.of("PROD", Map.of("shared_credentials_file", "/abs/vault_backed_aws_PROD_credentials")),
                aws.get("aliases"));

        // tag only: the default entry is there, every field null, so the declared object type still converts
        String written = Json.write(layout.terraformVariables);
        Map<String, Object> parsed = Json.parseObject(written.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> gcp = (Map<String, Object>) parsed.get("tfc_vault_backed_gcp_dynamic_credentials");
        Map<String, Object> gcpDefault = (Map<String, Object>) gcp.get("default");
        assertTrue(gcpDefault.containsKey("credentials") && gcpDefault.get("credentials") == null, written);
        assertTrue(gcpDefault.containsKey("access_token") && gcpDefault.get("access_token") == null, written);
        Map<String, Object> eu = (Map<String, Object>) ((Map<String, Object>) gcp.get("aliases")).get("EU");
        assertEquals("ya29.secret", eu.get("access_token"));
        assertTrue(eu.containsKey("credentials"), written);
    }

    @Test
    void layoutShouldNameVaultsOwnVariable() {
        assertEquals("tfc_vault_dynamic_credentials", CredentialLayout.variableName("vault"));
        assertEquals("tfc_vault_backed_azure_dynamic_credentials", CredentialLayout.variableName("azure"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", ".", "x..y", "a\\b", "", "phase.json", "credentials.env",
            "terraform.auto.tfvars.json", "a\nb"})
    void layoutShouldRefuseFileNamesThatAreNotPlain(String name) {
        List<Object> credentials = List.of(credential("aws", "", Map.of(), Map.of(name, "x"), Map.of()));
        PhaseCliException e = assertThrows(PhaseCliException.class,
                () -> CredentialLayout.of(credentials, n -> n));
        assertEquals(1, e.exitCode());
        assertFalse(e.getMessage().contains("x\n"));
    }

    @Test
    void layoutShouldRefuseDuplicateFilesAndConflictingEnv() {
        assertThrows(PhaseCliException.class, () -> CredentialLayout.of(List.of(
                credential("aws", "", Map.of(), Map.of("f", "1"), Map.of()),
                credential("azure", "", Map.of(), Map.of("f", "2"), Map.of())), n -> n));
        assertThrows(PhaseCliException.class, () -> CredentialLayout.of(List.of(
                credential("aws", "", Map.of("X", "1"), Map.of(), Map.of()),
                credential("azure", "", Map.of("X", "2"), Map.of(), Map.of())), n -> n));
        assertThrows(PhaseCliException.class, () -> CredentialLayout.of(List.of(
                credential("aws", "", Map.of("BAD NAME", "1"), Map.of(), Map.of())), n -> n));
    }

    @Test
    void envFileShouldQuoteForTheShell() {
        assertEquals("'it'\\''s $HOME `x`'", CredentialLayout.shellQuote("it's $HOME `x`"));
        CredentialLayout layout = CredentialLayout.of(List.of(credential("vault", "",
                Map.of("VAULT_TOKEN", "hvs.x'y"), Map.of(), Map.of())), n -> n);
        assertTrue(layout.envFile("p-1").contains("export VAULT_TOKEN='hvs.x'\\''y'\n"));
    }

    @Test
    void variablesShouldComeFromEnvLinesOrJsonAndOnlyTfcNamesAreSent() throws Exception {
        Path env = dir.resolve("vars.env");
        Files.writeString(env, """
                # workspace
                export TFC_VAULT_ADDR="http://vault:8200"
                TFC_VAULT_PLAN_ROLE=plan
                AWS_REGION=eu-west-1
                TFC_WORKLOAD_IDENTITY_TOKEN=eyJ.should.not.be.sent

                TFC_EMPTY=
                """);
        Map<String, String> vars = WorkspaceVariables.load(env, Map.of("TFC_VAULT_PLAN_ROLE", "other"));
        assertEquals(Map.of("TFC_VAULT_ADDR", "http://vault:8200", "TFC_VAULT_PLAN_ROLE", "other", "TFC_EMPTY", ""),
                vars);

        Path js = dir.resolve("vars.json");
        Files.writeString(js, "{\"TFC_VAULT_BACKED_AWS_AUTH\": true, \"TFC_X\": \"y\", \"OTHER\": {\"a\": 1}}");
        assertEquals(Map.of("TFC_VAULT_BACKED_AWS_AUTH", "true", "TFC_X", "y"),
                WorkspaceVariables.load(js, Map.of()));
    }

    @Test
    void badVariablesShouldBeBadInputWithoutTheirValues() throws Exception {
        Path env = dir.resolve("vars.env");
        Files.writeString(env, "TFC_A=1\nthis line holds s3cr3t\n");
        PhaseCliException e = assertThrows(PhaseCliException.class, () -> WorkspaceVariables.load(env, Map.of()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
        Path js = dir.resolve("bad.json");
        Files.writeString(js, "{\"TFC_A\": s3cr3t}");
        e = assertThrows(PhaseCliException.class, () -> WorkspaceVariables.load(js, Map.of()));
        assertFalse(e.getMessage().contains("s3cr3t"));
        assertThrows(PhaseCliException.class, () -> WorkspaceVariables.load(null, Map.of("AWS_X", "1")));
        assertThrows(PhaseCliException.class,
                () -> WorkspaceVariables.load(null, Map.of("TFC_WORKLOAD_IDENTITY_TOKEN", "1")));
    }

    @Test
    void directoryShouldWriteOwnerOnlyAndReplaceASymlinkRatherThanFollowIt() throws Exception {
        PhaseDirectory out = PhaseDirectory.create(dir.resolve("creds"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.path())));
        Path elsewhere = dir.resolve("elsewhere");
        Files.writeString(elsewhere, "untouched");
        Files.createSymbolicLink(out.path().resolve("cred"), elsewhere);
        out.write("cred", "secret".getBytes(StandardCharsets.UTF_8));
        assertEquals("untouched", Files.readString(elsewhere));
        assertFalse(Files.isSymbolicLink(out.path().resolve("cred")));
        assertEquals("secret", Files.readString(out.path().resolve("cred")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.path().resolve("cred"))));
        try (var listing = Files.list(out.path())) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void durationsShouldTakeShortAndIsoForms() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofSeconds(60), c.convert("60s"));
        assertEquals(Duration.ofMillis(250), c.convert("250ms"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(Duration.ofMinutes(1), c.convert("PT1M"));
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> c.convert("0s"));
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> c.convert("soon"));
    }
}
