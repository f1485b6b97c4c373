package dev.credbroker.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code integrations/tfc-agent-hooks/} run as a TFE / HCP Terraform agent runs them: each hook a process of its
 * own with the run's environment (the workload token, {@code $TFC_AGENT_ENV}, the workspace's variables with the
 * {@code CREDBROKER_} prefix) against a broker + vault-sim. The pre hook hands credentials to terraform through
 * {@code $TFC_AGENT_ENV} and leaves a heartbeat running; the post hook stops it, and every credential is revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentHooksTest {
    private static final Path HOOKS = Path.of("").toAbsolutePath().getParent().resolve("integrations/tfc-agent-hooks");

    private BrokerHarness harness;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(Map.of());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    record Run(int code, String out) {
    }

    private Run hook(String name, Map<String, String> env, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(HOOKS.resolve(name).toString()).directory(cwd.toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("TFC_") || k.startsWith("CREDBROKER_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + " exceeded the agent's 60 s hook timeout");
        return new Run(p.exitValue(), out);
    }

    private int liveCredentials() {
        return harness.sim.cloud().liveCount(harness.sim.clock().instant());
    }

    @Test
    void preAndPostPlanHooksShouldHandOutCredentialsAndRevokeThem(@TempDir Path agent) throws Exception {
        Path state = Files.createDirectories(agent.resolve("state"));
        Path agentEnv = Files.createFile(agent.resolve("agent.env"));
        Path workdir = Files.createDirectories(agent.resolve("work"));
        String token = harness.token("plan");
        Map<String, String> env = new HashMap<>();
        env.put("TFC_WORKLOAD_IDENTITY_TOKEN", token);
        env.put("TFC_AGENT_ENV", agentEnv.toString());
        env.put("CREDBROKER_URL", harness.server.getURL().toString());
        env.put("CREDBROKER_CLI", String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.credbroker.Application"));
        env.put("CREDBROKER_STATE_DIR", state.toString());
        env.put("CREDBROKER_HEARTBEAT", "2s");
        Workspaces.aws(harness.sim.address().toString(), "iam_user", "deploy")
                .forEach((k, v) -> env.put("CREDBROKER_" + k, v));
        int liveBefore = liveCredentials();

        Run pre = hook("terraform-pre-plan", env, workdir);
        assertEquals(0, pre.code(), pre.out());
        Map<String, String> exported = Files.readAllLines(agentEnv).stream().map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertTrue(exported.get("AWS_ACCESS_KEY_ID").startsWith("AKIA"), exported.keySet().toString());
        assertTrue(Files.isRegularFile(Path.of(exported.get("AWS_SHARED_CREDENTIALS_FILE"))));
        assertTrue(exported.get("TF_VAR_tfc_vault_backed_aws_dynamic_credentials")
                .contains("\"shared_credentials_file\":\"" + exported.get("AWS_SHARED_CREDENTIALS_FILE") + "\""));
        assertEquals(liveBefore + 1, liveCredentials(), "the fake AWS accepts the key handed out");
        for (String secret : List.of(exported.get("AWS_SECRET_ACCESS_KEY"), token)) {
            assertFalse(pre.out().contains(secret), "the hook's output shown in the run log carries no secret");
        }
        Path[] phaseDirs;
        try (Stream<Path> dirs = Files.list(state)) {
            phaseDirs = dirs.toArray(Path[]::new);
        }
        assertEquals(1, phaseDirs.length);
        long heartbeatPid = Long.parseLong(Files.readString(phaseDirs[0].resolve("heartbeat.pid")).strip());
        assertTrue(ProcessHandle.of(heartbeatPid).map(ProcessHandle::isAlive).orElse(false), "heartbeat running");
        // the heartbeat is a JVM of its own: on 2 shared cores under load it may take several seconds to start
        Path heartbeatLog = phaseDirs[0].resolve("heartbeat.log");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(heartbeatLog).contains("heartbeat ok: phase ") && System.nanoTime() < giveUp) {
            Thread.sleep(250);
        }
        assertTrue(Files.readString(heartbeatLog).contains("heartbeat ok: phase "),
                "the background heartbeat reached the broker");

        // env vars do not persist across hooks: the post hook sees the run's environment only
        Run post = hook("terraform-post-plan", env, workdir);
        assertEquals(0, post.code(), post.out());
        assertTrue(post.out().contains(" closed"), post.out());
        assertEquals(liveBefore, liveCredentials(), "every credential revoked after the post hook");
        assertFalse(Files.exists(phaseDirs[0]), "the phase's files are gone");
        ProcessHandle.of(heartbeatPid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(heartbeatPid).map(ProcessHandle::isAlive).orElse(false), "heartbeat stopped");

        Run again = hook("terraform-post-plan", env, workdir);
        assertEquals(0, again.code(), "a post hook with nothing open is no failure: " + again.out());
    }

    @Test
    void aPreHookWithoutTheWorkloadTokenShouldFailTheRun(@TempDir Path agent) throws Exception {
        Run pre = hook("terraform-pre-apply", Map.of("CREDBROKER_URL", harness.server.getURL().toString(),
                "TFC_AGENT_ENV", agent.resolve("agent.env").toString()), agent);
        assertEquals(2, pre.code());
        assertTrue(pre.out().contains("TFC_WORKLOAD_IDENTITY_AUDIENCE"), pre.out());
    }
}
