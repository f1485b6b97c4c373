package dev.credbroker.cli.audit;

import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;

import dev.credbroker.audit.event.EventJson;
import dev.credbroker.store.AuditRow;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code credbroker audit show --run R | --workspace W | --since T}: a timeline, one event per line in time
 * order: time, kind, outcome, phase, run, then the kind's own fields.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the audit timeline of a run, of a workspace's phases, or since a time.")
public class AuditShowCommand implements Callable<Integer>, ContextCommand {
    /** Printed in the columns in front, or left out as the same for every line. */
    private static final Set<String> ENVELOPE = Set.of("schema", "event_id", "time", "instance", "kind", "outcome",
            "actor", "phase_id");

    @Spec
    CommandSpec spec;

    private CliContext context;

    AuditDatabase database;

    JsonMapper json;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static class Selection {
        @Option(names = "--run", description = "a run id (terraform_run_id)")
        String run;

        @Option(names = "--workspace", description = "a workspace name: every phase its tokens asked for")
        String workspace;

        @Option(names = "--since", converter = Since.class,
                description = "2025-03-01T10:00:00Z, 2025-03-01 (UTC) or a time ago: 30m, 24h, 7d")
        Instant since;
    }

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // The broker's beans, started only now: parsing and --help need none.
        database = context.get().getBean(AuditDatabase.class);
        json = context.get().getBean(JsonMapper.class);
        List<AuditRow> rows = database.read(archive -> selection.run != null ? archive.byRun(selection.run)
                : selection.workspace != null ? archive.byWorkspace(selection.workspace)
                : archive.since(selection.since));
        PrintWriter out = spec.commandLine().getOut();
        rows.forEach(r -> out.println(line(r)));
        if (rows.isEmpty()) {
            spec.commandLine().getErr().println("audit show: no events");
        }
        out.flush();
        return 0;
    }

    private String line(AuditRow row) {
        Map<String, Object> event;
        try {
            event = json.readValue(row.detail(), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            event = Map.of();
        }
        StringBuilder line = new StringBuilder();
        line.append(event.getOrDefault("time", EventJson.time(row.at()))).append("  ")
                .append(pad(row.event(), 24)).append(pad(String.valueOf(event.getOrDefault("outcome", "-")), 9))
                .append("phase=").append(row.sessionId() == null ? "-" : row.sessionId())
                .append(" run=").append(row.runId() == null ? "-" : row.runId());
        if (!event.containsKey("schema")) {
            // Written before schema 1: its detail as it was stored.
            return line.append(' ').append(row.detail()).toString();
        }
        event.forEach((key, value) -> {
            if (!ENVELOPE.contains(key)) {
                line.append(' ').append(key).append('=').append(text(value));
            }
        });
        return line.toString();
    }

    private String text(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
