package dev.credbroker.cli;

import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mint-token} as an operator runs it, in a process of its own with the server's environment variables: the
 * token's {@code iss} is the server's default, {@code http://localhost:$BROKER_PORT}, so a token minted offline
 * is one the server on that port accepts. (One process start costs several seconds on a loaded machine: one case.)
 */
class MintTokenIssuerUrlTest {
    @TempDir
    Path cwd;

    @Test
    void issFollowsBrokerPort() throws Exception {
        assertEquals("http://localhost:9443", issOfTokenMintedWith(Map.of("BROKER_PORT", "9443")));
    }

    private String issOfTokenMintedWith(Map<String, String> env) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Application.class.getName(), "mint-token", "--run-id", "run-1",
                "--organization", "acme", "--project", "p", "--workspace", "w", "--phase", "plan",
                "--audience", "vault.workload.identity"));
        Path out = cwd.resolve("out");
        Path err = cwd.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("BROKER_"));
        pb.environment().putAll(env);
        pb.environment().put("BROKER_ISSUER_KEY_DIR", cwd.resolve("keys").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mint-token did not end");
        assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return SignedJWT.parse(Files.readString(out, StandardCharsets.UTF_8).strip()).getJWTClaimsSet().getIssuer();
    }
}
