package dev.credbroker.demo;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's demo, as `java -jar … demo` runs it, against a temporary data directory. */
class DemoRunTest {

    @Test
    void theDemoOpensAPhaseForThreeCloudsAndShowsEveryLeaseRevoked(@TempDir Path dir) throws Exception {
        StringWriter text = new StringWriter();
        boolean ok = new DemoRun(new PrintWriter(text), dir).run();
        String output = text.toString();
        assertTrue(ok, output);
        assertTrue(output.contains("lease aws/creds/demo/"), output);
        assertTrue(output.contains("lease azure/creds/demo/"), output);
        assertTrue(output.contains("lease gcp/roleset/demo/key/"), output);
        assertFalse(output.contains("FAIL"), output);
        assertTrue(output.endsWith("demo: OK, every lease revoked\n") || output.endsWith("demo: OK, every lease revoked\r\n"));
        assertTrue(Files.exists(dir.resolve("demo-vault-audit.log")));
        assertFalse(Files.exists(dir.resolve("demo-revocation-token")), "the revocation identity token file is removed after the demo");
        assertShowsNoCharacterOfASecret(output);
    }

    /** Every env line of a credential shows its kind and length, never a character of the value. */
    private static void assertShowsNoCharacterOfASecret(String output) {
        Pattern envLine = Pattern.compile("^\\s+env\\s+(\\w+)=(.*)$", Pattern.MULTILINE);
        Matcher m = envLine.matcher(output);
        int shown = 0;
        while (m.find()) {
            String name = m.group(1);
            if (name.endsWith("_FILE") || name.equals("VAULT_ADDR") || name.equals("VAULT_NAMESPACE")) {
                continue;
            }
            shown++;
            assertTrue(m.group(2).matches("<[A-Za-z ]+, \\d+ chars>"), m.group(0));
        }
        assertTrue(shown >= 5, "the demo shows its credentials' kinds and lengths:\n" + output);
        assertFalse(output.contains("AKIA"), "not even an access key's prefix");
    }

    @Test
    void maskingShouldGiveKindAndLengthOnly() {
        assertEquals("<secret, 40 chars>", DemoRun.masked("AWS_SECRET_ACCESS_KEY", "s".repeat(40)));
        assertEquals("<identifier, 20 chars>", DemoRun.masked("AWS_ACCESS_KEY_ID", "AKIA" + "x".repeat(16)));
        assertEquals("<token, 3 chars>", DemoRun.masked("AWS_SESSION_TOKEN", "abc"));
        assertEquals("<JSON key file, 2 chars>", DemoRun.masked("GOOGLE_CREDENTIALS", "{}"));
    }
}
