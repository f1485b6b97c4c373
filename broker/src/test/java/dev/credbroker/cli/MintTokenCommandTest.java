package dev.credbroker.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.credbroker.issuer.IndependentVerifier;
import dev.credbroker.issuer.KeyRing;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MintTokenCommandTest {
    @TempDir
    Path dir;
    ApplicationContext ctx;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        ctx = ApplicationContext.run(Map.of("broker.issuer.key-dir", dir.toString(),
                "broker.issuer.url", "https://broker.example.test"), Environment.CLI, Environment.TEST);
    }

    @AfterEach
    void stop() {
        ctx.close();
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return CredbrokerCommand.execute(ctx, new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void mintTokenShouldPrintAVerifiableTokenAlone() throws Exception {
        int code = run("mint-token", "--run-id", "run-cli", "--organization", "acme", "--project", "Default Project",
                "--workspace", "networking", "--phase", "apply", "--audience", "vault.workload.identity", "--ttl", "600");
        assertEquals(0, code, err.toString());
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, out.toString(StandardCharsets.UTF_8).strip().lines().count(), "stdout is the token only");
        JWTClaimsSet claims = IndependentVerifier.verify(token, ctx.getBean(KeyRing.class).publicKeys());
        assertEquals("organization:acme:project:Default Project:workspace:networking:run_phase:apply",
                claims.getSubject());
        assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void otfSubShouldLeaveOutTheProject() throws Exception {
        assertEquals(0, run("mint-token", "--run-id", "run-1", "--organization", "acme", "--workspace", "w",
                "--phase", "plan", "--audience", "vault.workload.identity", "--otf-sub"));
        JWTClaimsSet claims = IndependentVerifier.verify(out.toString(StandardCharsets.UTF_8).strip(),
                ctx.getBean(KeyRing.class).publicKeys());
        assertEquals("organization:acme:workspace:w:run_phase:plan", claims.getSubject());
    }

    @Test
    void badInputShouldExit2WithOneLineOnStderr() {
        assertBadInput("--run-id", run("mint-token", "--organization", "acme", "--project", "p", "--workspace", "w",
                "--phase", "plan", "--audience", "vault.workload.identity"));
        assertBadInput("--phase", run("mint-token", "--run-id", "r", "--organization", "acme", "--project", "p",
                "--workspace", "w", "--phase", "destroy", "--audience", "vault.workload.identity"));
        assertBadInput("--ttl", run("mint-token", "--run-id", "r", "--organization", "acme", "--project", "p",
                "--workspace", "w", "--phase", "plan", "--audience", "vault.workload.identity", "--ttl", "0"));
        assertBadInput("--ttl", run("mint-token", "--run-id", "r", "--organization", "acme", "--project", "p",
                "--workspace", "w", "--phase", "plan", "--audience", "vault.workload.identity", "--ttl", "soon"));
        assertBadInput("--organization", run("mint-token", "--run-id", "r", "--organization", "a:b", "--project", "p",
                "--workspace", "w", "--phase", "plan", "--audience", "vault.workload.identity"));
        assertBadInput("--no-such", run("mint-token", "--no-such"));
    }

    @Test
    void anAudienceNotConfiguredShouldBeRefused() {
        // broker.issuer.audiences is the list the minter signs for; sts.amazonaws.com is not on it
        assertBadInput("--audience", run("mint-token", "--run-id", "r", "--organization", "acme", "--project", "p",
                "--workspace", "w", "--phase", "plan", "--audience", "sts.amazonaws.com"));
        assertTrue(out.toString(StandardCharsets.UTF_8).isBlank(), "no token printed");
    }

    @Test
    void aRunIdLongerThanTheColumnShouldBeRefused() {
        assertBadInput("--run-id", run("mint-token", "--run-id", "r".repeat(256), "--organization", "acme",
                "--project", "p", "--workspace", "w", "--phase", "plan", "--audience", "vault.workload.identity"));
    }

    private void assertBadInput(String mentioned, int code) {
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, e);
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.contains(mentioned), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rotateKeysShouldPromoteTheNextKey() {
        KeyRing ring = ctx.getBean(KeyRing.class);
        String active = ring.activeKey().kid();
        String next = ring.keys().get(1).kid();
        assertEquals(0, run("rotate-keys"));
        assertEquals(next, ring.activeKey().kid());
        assertNotEquals(active, ring.activeKey().kid());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("active kid=" + next));
        assertEquals(0, run("rotate-keys", "--if-due"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("not due"));
    }

    @Test
    void noSubcommandShouldListTheSubcommands() {
        assertEquals(0, run());
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("mint-token") && usage.contains("rotate-keys"), usage);
        assertFalse(usage.isBlank());
    }
}
