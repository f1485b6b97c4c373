package dev.credbroker.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dev} as the README says to use it: start it, paste the commands it printed (the server jar's
 * {@code mint-token}, {@code phase open}, {@code phase close}) into one shell, and the credentials they got are
 * live in vault-sim's fake clouds until the close, and gone after it.
 */
class DevRunTest {
    private static final Path SERVER_JAR = Path.of(System.getProperty("credbroker.server-jar"));

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void thePrintedCommandsShouldOpenAPhaseAgainstDevAndCloseItWithEveryCredentialRevoked(@TempDir Path dir)
            throws Exception {
        assertTrue(Files.isRegularFile(SERVER_JAR), "the reactor packages broker/ before this module's tests: "
                + SERVER_JAR);
        Path data = dir.resolve("data");
        StringWriter text = new StringWriter();
        try (DevRun dev = DevRun.start(new PrintWriter(text), data, freePort(), freePort(), SERVER_JAR.toString());
             Shell shell = new Shell(dir)) {
            String printed = text.toString();
            List<String> commands = printedCommands(printed);
            assertEquals(3, commands.size(), printed);
            assertTrue(commands.get(0).contains(" mint-token "), printed);
            assertTrue(commands.get(1).contains(" phase open "), printed);
            assertTrue(commands.get(2).contains(" phase close "), printed);
            assertTrue(commands.stream().allMatch(c -> c.contains("java -jar " + SERVER_JAR + " ")),
                    "every command runs the server's jar: " + printed);
            LocalStack stack = dev.stack();
            assertEquals(0, stack.sim.cloud().liveCount(stack.sim.clock().instant()));
            int tokensBefore = stack.sim.liveTokens();

            Shell.Result mint = shell.run(commands.get(0));
            assertEquals(0, mint.code(), mint.output());
            Shell.Result open = shell.run(commands.get(1));
            assertEquals(0, open.code(), open.output());
            assertTrue(open.output().contains("CREDBROKER_PHASE_ID="), open.output());
            Path phaseDir = data.resolve("dev-phase");
            String env = Files.readString(phaseDir.resolve("credentials.env"));
            for (String name : List.of("AWS_ACCESS_KEY_ID", "ARM_CLIENT_SECRET", "GOOGLE_CREDENTIALS")) {
                assertTrue(env.contains("export " + name + "="), name + " handed out:\n" + open.output());
            }
            assertEquals(3, stack.sim.cloud().liveCount(stack.sim.clock().instant()),
                    "AWS, Azure and GCP credentials live in the fake clouds");
            assertEquals(3, stack.sim.liveLeases(), "one lease each");
            assertEquals(tokensBefore + 1, stack.sim.liveTokens(), "the phase's Vault token");

            Shell.Result close = shell.run(commands.get(2));
            assertEquals(0, close.code(), close.output());
            assertEquals(0, stack.sim.cloud().liveCount(stack.sim.clock().instant()), "every credential revoked");
            assertEquals(0, stack.sim.liveLeases(), "every lease revoked");
            assertEquals(tokensBefore, stack.sim.liveTokens(), "the phase's Vault token revoked");
            assertFalse(Files.exists(phaseDir.resolve("credentials.env")), "--wipe removed the credentials");
            assertFalse(printed.contains(stack.vault.revocationToken()), "the revocation identity token is not printed");
        }
    }

    /** The indented lines between the ready line and the Ctrl-C line, as a user would copy them. */
    private static List<String> printedCommands(String printed) {
        List<String> commands = new ArrayList<>();
        boolean inside = false;
        for (String line : printed.split("\n")) {
            if (line.equals(DevRun.READY)) {
                inside = true;
            } else if (line.equals(DevRun.STOP)) {
                break;
            } else if (inside && line.startsWith("    ")) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
