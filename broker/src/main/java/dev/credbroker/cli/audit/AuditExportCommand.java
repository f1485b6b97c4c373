package dev.credbroker.cli.audit;

import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;

import dev.credbroker.audit.ChainedLine;
import dev.credbroker.store.AuditRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code credbroker audit export --since T}: every event since T as JSON lines, in time order, each the stored
 * event with its place in the chain ({@code chain: {seq, prev_hash, hash}}), the same lines the broker's audit
 * file holds: a SIEM can load either.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every audit event since a time as JSON lines (stdout, or --out FILE).")
public class AuditExportCommand implements Callable<Integer>, ContextCommand {
    @Spec
    CommandSpec spec;

    private CliContext context;

    AuditDatabase database;

    @Option(names = "--since", required = true, converter = Since.class,
            description = "2025-03-01T10:00:00Z, 2025-03-01 (UTC) or a time ago: 30m, 24h, 7d")
    Instant since;

    @Option(names = "--out", description = "file to write (replaced); default stdout")
    Path out;

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // The broker's beans, started only now: parsing and --help need none.
        database = context.get().getBean(AuditDatabase.class);
        List<AuditRow> rows = database.read(archive -> archive.since(since));
        if (out == null) {
            write(spec.commandLine().getOut(), rows);
        } else {
            try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                write(new PrintWriter(file), rows);
            }
            spec.commandLine().getErr().println("audit export: " + rows.size() + " events to " + out);
        }
        return 0;
    }

    private static void write(PrintWriter to, List<AuditRow> rows) {
        rows.forEach(r -> to.print(ChainedLine.of(r) + "\n"));
        to.flush();
    }
}
