package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.Application;
import dev.credbroker.cli.CredbrokerCommand;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ExitCodes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code credbroker phase open|heartbeat|status|close} as a runner sidecar runs them, against a real broker on
 * vault-sim, in a CLI application context of its own: files and permissions, HCP's tfvars shape, leases
 * revoked on close, and no secret on stdout or stderr.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhaseCommandIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER_ONLY = "rw-------";

    private BrokerHarness harness;
    private ApplicationContext cli;
    @TempDir
    Path work;

    /** Every stdout and stderr text any command printed, scanned for secrets at the end of each test. */
    private final List<String> printed = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path keys) {
        harness = new BrokerHarness(Map.of());
        cli = ApplicationContext.run(Map.of("broker.issuer.key-dir", keys.toString(),
                "broker.issuer.url", "https://cli.example.test"), Environment.CLI, Environment.TEST);
    }

    @AfterAll
    void stop() {
        cli.close();
        harness.close();
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        return run(new ByteArrayOutputStream(), args);
    }

    /** With {@code out} given, a test can watch what the command prints while it still runs. */
    private Run run(ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // as Application.main runs it: phase open's credential_process names that main class
        int code = CredbrokerCommand.execute(CliContext.of(cli, Application.class),
                new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), args);
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        synchronized (printed) {
            printed.add(r.out());
            printed.add(r.err());
        }
        return r;
    }

    private String broker() {
        return harness.url().toString();
    }

    private Path tokenFile(String phase) throws IOException {
        Path f = Files.createTempFile(work, "token", ".jwt");
        Files.writeString(f, harness.token(phase) + "\n");
        return f;
    }

    private Path envVariables(Map<String, String> vars) throws IOException {
        Path f = work.resolve("vars-" + System.nanoTime() + ".env");
        StringBuilder text = new StringBuilder("# the workspace's variables\n");
        vars.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(f, text);
        return f;
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(Path p) throws IOException {
        return JSON.readValue(p.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The values of credentials.env and of the credential files: what must never be printed. */
    private static Set<String> secretsIn(Path dir) throws IOException {
        Set<String> secrets = new HashSet<>();
        Matcher export = Pattern.compile("(?m)^export (\\w+)='([^']*)'$")
                .matcher(Files.readString(dir.resolve("credentials.env")));
        while (export.find()) {
            if (!export.group(1).endsWith("_FILE") && !export.group(1).equals("VAULT_ADDR")) {
                secrets.add(export.group(2));
            }
        }
        for (Object name : (List<?>) readJson(dir.resolve("phase.json")).get("files")) {
            for (String line : Files.readAllLines(dir.resolve((String) name))) {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    secrets.add(line.substring(eq + 3).strip());
                }
            }
        }
        secrets.removeIf(s -> s.length() < 8);
        assertFalse(secrets.isEmpty());
        return secrets;
    }

    private void assertNothingPrinted(Set<String> secrets) {
        synchronized (printed) {
            for (String text : printed) {
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "a secret was printed");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> leaseIds(String phaseId, Path token) throws IOException {
        Run status = run("phase", "status", "--broker", broker(), "--token-file", token.toString(),
                "--phase-id", phaseId);
        assertEquals(0, status.code(), status.err());
        List<Map<String, Object>> leases = (List<Map<String, Object>>) JSON.readValue(status.out(), Map.class)
                .get("leases");
        return leases.stream().map(l -> (String) l.get("lease_id")).toList();
    }

    @Test
    void openShouldWriteOwnerOnlyFilesEnvAndTfvarsAndCloseWithWipeShouldRevokeAndDelete() throws Exception {
        Map<String, String> vars = Workspaces.aws(harness.sim.address().toString(), "iam_user", "deploy");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_PROD", "true");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_TYPE_PROD", "iam_user");
        vars.put("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_PROD", "deploy");
        vars.put("TFC_VAULT_PROVIDER_AUTH", "true");
        Path token = tokenFile("plan");
        Path dir = work.resolve("creds");

        Run open = run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", envVariables(vars).toString(), "--out-dir", dir.toString());
        assertEquals(0, open.code(), open.err());
        assertEquals("", open.err());
        Map<String, Object> phase = readJson(dir.resolve("phase.json"));
        String phaseId = (String) phase.get("phase_id");
        assertTrue(open.out().contains("CREDBROKER_PHASE_ID='" + phaseId + "'"), open.out());
        assertEquals("plan", phase.get("phase"));
        assertNotNull(phase.get("run_id"));
        assertNotNull(phase.get("expires_at"));
        assertNotNull(phase.get("heartbeat_by"));

        Path awsFile = dir.resolve("vault_backed_aws_credentials");
        Path prodFile = dir.resolve("vault_backed_aws_PROD_credentials");
        Path vaultTokenFile = dir.resolve("vault_token");
        for (Path p : List.of(dir.resolve("phase.json"), dir.resolve("credentials.env"),
                dir.resolve("terraform.auto.tfvars.json"), awsFile, prodFile, vaultTokenFile)) {
            assertEquals(OWNER_ONLY, perms(p), p.toString());
        }

        String env = Files.readString(dir.resolve("credentials.env"));
        Matcher keyId = Pattern.compile("(?m)^export AWS_ACCESS_KEY_ID='(AKIA\\w+)'$").matcher(env);
        assertTrue(keyId.find(), "AWS key exported");
        assertTrue(env.contains("export AWS_SHARED_CREDENTIALS_FILE='" + awsFile.toAbsolutePath() + "'\n"), env);
        assertTrue(env.contains("export VAULT_TOKEN='"), "the Vault provider's token");
        String shared = Files.readString(awsFile);
        assertTrue(shared.startsWith("[default]\n") && shared.contains("aws_access_key_id = " + keyId.group(1)),
                "the shared credentials file holds the same key");
        assertTrue(Files.readString(prodFile).contains("aws_secret_access_key = "));

        Map<String, Object> tfvars = readJson(dir.resolve("terraform.auto.tfvars.json"));
        Map<String, Object> aws = map(tfvars.get("tfc_vault_backed_aws_dynamic_credentials"));
        assertEquals(Map.of("shared_credentials_file", awsFile.toAbsolutePath().toString()), aws.get("default"));
        assertEquals(Map.of("PROD", Map.of("shared_credentials_file", prodFile.toAbsolutePath().toString())),
                aws.get("aliases"));
        Map<String, Object> vault = map(map(tfvars.get("tfc_vault_dynamic_credentials")).get("default"));
        assertEquals(vaultTokenFile.toAbsolutePath().toString(), vault.get("token_filename"));
        assertEquals(harness.sim.address().toString(), vault.get("address"));

        List<String> leases = leaseIds(phaseId, token);
        assertEquals(2, leases.size(), "two iam_user leases");
        leases.forEach(l -> assertTrue(harness.sim.leaseExists(l)));

        Run beat = run("phase", "heartbeat", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString());
        assertEquals(0, beat.code(), beat.err());
        assertTrue(beat.out().startsWith("heartbeat ok: phase " + phaseId), beat.out());

        Run status = run("phase", "status", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString());
        assertEquals(0, status.code(), status.err());
        assertEquals("open", JSON.readValue(status.out(), Map.class).get("state"));

        Set<String> secrets = secretsIn(dir);
        Run close = run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString(), "--wipe");
        assertEquals(0, close.code(), close.err());
        leases.forEach(l -> assertFalse(harness.sim.leaseExists(l), "lease revoked in Vault"));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("phase.closed.json")), left.toList(),
                    "--wipe removed every file and left the closed phase's id");
        }
        assertEquals(Map.of("phase_id", phaseId), readJson(dir.resolve("phase.closed.json")));

        // a retried post hook: closing twice is fine, also after --wipe
        Run again = run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString(), "--wipe");
        assertEquals(0, again.code(), again.err());
        assertEquals("phase " + phaseId + " closed (already wiped)", again.out().strip());
        Run closedStatus = run("phase", "status", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString());
        assertEquals(0, closedStatus.code(), closedStatus.err());
        assertEquals("revoked", JSON.readValue(closedStatus.out(), Map.class).get("state"));
        assertNothingPrinted(secrets);
        assertNothingPrinted(Set.of(Files.readString(token).strip()));
    }

    @Test
    void awsCredentialProcessShouldPrintTheSdkJsonAndItsConfigProfilesShouldWorkWithTheAwsSdk() throws Exception {
        Path token = tokenFile("plan");
        Path dir = work.resolve("aws-process");
        Map<String, String> vars = Workspaces.aws(harness.sim.address().toString(), "assumed_role", "assume");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_OPS", "true");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_TYPE_OPS", "iam_user");
        vars.put("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_OPS", "deploy");
        String self = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.credbroker.Application");
        Run open = run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", envVariables(vars).toString(), "--out-dir", dir.toString(),
                "--aws-credential-process", self);
        assertEquals(0, open.code(), open.err());
        assertTrue(open.out().contains("CREDBROKER_AWS_CONFIG_FILE='" + dir.resolve("aws-config") + "'"), open.out());
        assertEquals(OWNER_ONLY, perms(dir.resolve("aws-config")));
        assertEquals("# credbroker: AWS profiles reading this phase's credentials; use with AWS_CONFIG_FILE="
                + dir.resolve("aws-config") + "\n"
                + "[default]\ncredential_process = " + self + " aws-credential-process --out-dir '" + dir + "'\n"
                + "[profile OPS]\ncredential_process = " + self + " aws-credential-process --out-dir '" + dir
                + "' --tag OPS\n", Files.readString(dir.resolve("aws-config")));

        Map<String, String> env = new java.util.HashMap<>();
        Matcher export = Pattern.compile("(?m)^export (\\w+)='([^']*)'$").matcher(Files.readString(dir.resolve("credentials.env")));
        while (export.find()) {
            env.put(export.group(1), export.group(2));
        }
        Run process = run("aws-credential-process", "--out-dir", dir.toString());
        assertEquals(0, process.code(), process.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JSON.readValue(process.out(), java.util.LinkedHashMap.class);
        assertEquals(List.of("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"),
                List.copyOf(json.keySet()));
        assertEquals(1, json.get("Version"));
        assertEquals(env.get("AWS_ACCESS_KEY_ID"), json.get("AccessKeyId"));
        assertEquals(env.get("AWS_SECRET_ACCESS_KEY"), json.get("SecretAccessKey"));
        assertEquals(env.get("AWS_SESSION_TOKEN"), json.get("SessionToken"));
        java.time.Instant expiration = java.time.Instant.parse((String) json.get("Expiration"));
        assertTrue(expiration.isAfter(java.time.Instant.now()), "Expiration in the future: " + expiration);

        Run tagged = run("aws-credential-process", "--out-dir", dir.toString(), "--tag", "OPS");
        assertEquals(0, tagged.code(), tagged.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> ops = JSON.readValue(tagged.out(), Map.class);
        assertFalse(ops.containsKey("SessionToken"), "an IAM user has no session token");
        assertFalse(ops.get("AccessKeyId").equals(json.get("AccessKeyId")));
        Run missing = run("aws-credential-process", "--out-dir", dir.toString(), "--tag", "NOPE");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().strip().endsWith("has no AWS credentials tagged NOPE"), missing.err());

        // the AWS SDK, reading the config file and running its credential_process, agrees
        software.amazon.awssdk.profiles.ProfileFile config = software.amazon.awssdk.profiles.ProfileFile.builder()
                .content(dir.resolve("aws-config")).type(software.amazon.awssdk.profiles.ProfileFile.Type.CONFIGURATION)
                .build();
        try (var provider = software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                .profileFile(config).profileName("default").build()) {
            var sdk = provider.resolveCredentials();
            assertTrue(sdk instanceof software.amazon.awssdk.auth.credentials.AwsSessionCredentials, sdk.getClass().getName());
            var session = (software.amazon.awssdk.auth.credentials.AwsSessionCredentials) sdk;
            assertEquals(json.get("AccessKeyId"), session.accessKeyId());
            assertEquals(json.get("SecretAccessKey"), session.secretAccessKey());
            assertEquals(json.get("SessionToken"), session.sessionToken());
            assertEquals(java.util.Optional.of(expiration), session.expirationTime());
        }
        try (var provider = software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                .profileFile(config).profileName("OPS").build()) {
            assertEquals(ops.get("AccessKeyId"), provider.resolveCredentials().accessKeyId());
        }

        Run close = run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString(), "--wipe");
        assertEquals(0, close.code(), close.err());
        assertFalse(Files.exists(dir.resolve("aws-config")), "--wipe deletes the AWS config too");
        // what aws-credential-process printed is its job; nothing else may carry a secret
        synchronized (printed) {
            printed.remove(process.out());
            printed.remove(tagged.out());
        }
        assertNothingPrinted(Set.of(env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"),
                (String) ops.get("SecretAccessKey")));
    }

    @Test
    void jsonVariablesVarOptionsAndJsonSummary() throws Exception {
        Map<String, String> vars = Workspaces.vault(harness.sim.address().toString());
        Path json = work.resolve("vars.json");
        Files.writeString(json, JSON.writeValueAsString(vars));
        Path token = tokenFile("apply");
        Path dir = work.resolve("azure");

        Run open = run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", json.toString(), "--var", "TFC_VAULT_BACKED_AZURE_AUTH=true",
                "--var", "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE=deploy", "--out-dir", dir.toString(),
                "--format", "json");
        assertEquals(0, open.code(), open.err());
        Map<String, Object> summary = JSON.readValue(open.out(), Map.class);
        String phaseId = (String) summary.get("phase_id");
        assertEquals(List.of("ARM_CLIENT_ID", "ARM_CLIENT_SECRET"), summary.get("env"));
        assertEquals(List.of("tfc_vault_backed_azure_dynamic_credentials"), summary.get("terraform_variables"));
        Map<String, Object> azure = map(map(readJson(dir.resolve("terraform.auto.tfvars.json"))
                .get("tfc_vault_backed_azure_dynamic_credentials")).get("default"));
        Path secretFile = dir.resolve("vault_backed_azure_client_secret");
        assertEquals(secretFile.toAbsolutePath().toString(), azure.get("client_secret_file_path"));
        assertEquals(OWNER_ONLY, perms(secretFile));
        assertTrue(Files.readString(dir.resolve("credentials.env"))
                .contains("export ARM_CLIENT_SECRET='" + Files.readString(secretFile) + "'"));
        List<String> leases = leaseIds(phaseId, token);

        Run close = run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--phase-id", phaseId);
        assertEquals(0, close.code(), close.err());
        leases.forEach(l -> assertFalse(harness.sim.leaseExists(l)));
        assertTrue(Files.exists(secretFile), "no --wipe: files stay");
        Run again = run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--phase-id", phaseId);
        assertEquals(0, again.code(), "closing twice is fine");
        assertNothingPrinted(Set.of(Files.readString(secretFile)));
    }

    @Test
    void aReplayedOpenShouldExit2WithOneLineNamingTheProblemType() throws Exception {
        Path token = tokenFile("plan");
        Path vars = envVariables(Workspaces.azure(harness.sim.address().toString()));
        Path first = work.resolve("first");
        assertEquals(0, run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", vars.toString(), "--out-dir", first.toString()).code());

        Path second = work.resolve("second");
        Run replay = run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", vars.toString(), "--out-dir", second.toString());
        assertEquals(ExitCodes.BAD_INPUT, replay.code());
        assertEquals("", replay.out());
        assertEquals(1, replay.err().strip().lines().count(), replay.err());
        assertTrue(replay.err().startsWith("credbroker: Unauthenticated: "), replay.err());
        assertTrue(replay.err().strip().endsWith("(urn:credbroker:problem:workload-token-replayed)"), replay.err());
        assertFalse(Files.exists(second.resolve("phase.json")));

        assertEquals(0, run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", first.toString(), "--wipe").code());
        assertNothingPrinted(Set.of(Files.readString(token).strip()));
    }

    @Test
    void aVaultOutageShouldExit1AndAnUnreachableBrokerToo() throws Exception {
        harness.sim.faults().failNext("azure/creds", 1, 503);
        Run outage = run("phase", "open", "--broker", broker(), "--token-file", tokenFile("plan").toString(),
                "--variables-file", envVariables(Workspaces.azure(harness.sim.address().toString())).toString(),
                "--out-dir", work.resolve("outage").toString());
        assertEquals(ExitCodes.FAILURE, outage.code(), outage.err());
        assertEquals(1, outage.err().strip().lines().count(), outage.err());
        assertTrue(outage.err().contains("(urn:credbroker:problem:vault-unavailable)"), outage.err());

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run unreachable = run("phase", "status", "--broker", "http://127.0.0.1:" + port,
                "--token-file", tokenFile("plan").toString(), "--phase-id", "00000000-0000-0000-0000-000000000000");
        assertEquals(ExitCodes.FAILURE, unreachable.code());
        assertEquals(1, unreachable.err().strip().lines().count(), unreachable.err());
        assertTrue(unreachable.err().startsWith("credbroker: cannot reach the broker at http://127.0.0.1:" + port),
                unreachable.err());
    }

    @Test
    void aHeartbeatLoopShouldStopWhenThePhaseIsClosed() throws Exception {
        Path token = tokenFile("plan");
        Path dir = work.resolve("loop");
        assertEquals(0, run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                "--variables-file", envVariables(Workspaces.azure(harness.sim.address().toString())).toString(),
                "--out-dir", dir.toString()).code());
        String before = (String) readJson(dir.resolve("phase.json")).get("heartbeat_by");

        CountDownLatch twoBeats = new CountDownLatch(2);
        ByteArrayOutputStream watched = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                super.write(bytes, offset, length);
                long beats = toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("heartbeat ok")).count();
                while (twoBeats.getCount() > Math.max(0, 2 - beats)) {
                    twoBeats.countDown();
                }
            }
        };
        CompletableFuture<Run> loop = CompletableFuture.supplyAsync(() -> run(watched, "phase", "heartbeat",
                "--broker", broker(), "--token-file", token.toString(), "--out-dir", dir.toString(),
                "--every", "200ms"));
        // The wait is only a hang guard: the latch opens as soon as the loop printed its second heartbeat.
        assertTrue(twoBeats.await(30, TimeUnit.SECONDS), "two heartbeats within 30 s: " + watched);
        assertFalse(loop.isDone(), "still beating");
        assertEquals(0, run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString()).code());
        Run ended = loop.get(10, TimeUnit.SECONDS);
        assertEquals(0, ended.code(), ended.err());
        assertTrue(ended.out().lines().filter(l -> l.startsWith("heartbeat ok")).count() >= 2, ended.out());
        assertTrue(ended.out().strip().endsWith("is closed; heartbeat stopped"), ended.out());
        assertNotNull(before);

        Run late = run("phase", "heartbeat", "--broker", broker(), "--token-file", token.toString(),
                "--out-dir", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, late.code(), "a single heartbeat on a closed phase");
        assertTrue(late.err().startsWith("credbroker: Conflict: "), late.err());
    }

    @Test
    void badInputShouldExit2WithOneLine() throws Exception {
        Path token = tokenFile("plan");
        List<Run> runs = List.of(
                run("phase", "open", "--token-file", token.toString(), "--out-dir", work.toString()),
                run("phase", "open", "--broker", broker(), "--token-file", work.resolve("none").toString(),
                        "--out-dir", work.resolve("x").toString()),
                run("phase", "open", "--broker", broker(), "--token-env", "CREDBROKER_TEST_UNSET_VARIABLE",
                        "--out-dir", work.resolve("x").toString()),
                run("phase", "open", "--broker", broker(), "--token-file", token.toString(),
                        "--var", "AWS_SECRET=x", "--out-dir", work.resolve("x").toString()),
                run("phase", "open", "--broker", "ftp://broker", "--token-file", token.toString(),
                        "--out-dir", work.resolve("x").toString()),
                run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                        "--phase-id", "../../v1/x"),
                run("phase", "close", "--broker", broker(), "--token-file", token.toString(),
                        "--phase-id", "p", "--wipe"),
                run("phase", "heartbeat", "--broker", broker(), "--token-file", token.toString()),
                run("phase", "heartbeat", "--broker", broker(), "--token-file", token.toString(),
                        "--phase-id", "p", "--every", "soon"),
                run("phase", "status", "--broker", broker(), "--token-file", token.toString(),
                        "--out-dir", work.resolve("missing").toString()));
        for (Run r : runs) {
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("credbroker: "), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void phaseWithoutSubcommandShouldListThemAndHelpShouldNameTheOptions() {
        Run usage = run("phase");
        assertEquals(0, usage.code());
        for (String sub : List.of("open", "heartbeat", "status", "close")) {
            assertTrue(usage.out().contains(sub), usage.out());
        }
        Run help = run("phase", "open", "--help");
        assertEquals(0, help.code());
        for (String option : List.of("--broker", "--token-file", "--token-env", "--variables-file", "--var",
                "--out-dir", "--format")) {
            assertTrue(help.out().contains(option), help.out());
        }
    }
}
