package dev.credbroker.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertFalse(Files.exists(dir.resolve("demo-reaper-token")), "the reaper token file is removed after the demo");
    }
}
