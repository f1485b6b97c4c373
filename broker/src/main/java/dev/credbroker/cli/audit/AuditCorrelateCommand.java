package dev.credbroker.cli.audit;

import dev.credbroker.audit.correlate.Correlation;
import dev.credbroker.audit.correlate.PhaseTokens;
import dev.credbroker.audit.correlate.VaultAuditEntry;
import dev.credbroker.audit.correlate.VaultAuditLog;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.store.AuditRow;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code credbroker audit correlate --vault-audit-log FILE --run RUN}: every request of the run in Vault's file
 * audit log, found by the {@code X-Credbroker-Run-Id} header (logged in clear) and by the accessors of the
 * run's tokens as the device hashed them ({@code sys/audit-hash}, with {@code --vault-addr} and an operator
 * token). Flags requests made with a phase's token after it closed, and logins on the broker's JWT paths whose
 * token no phase recorded. Exit 0 when nothing is flagged, 1 when something is.
 */
@Command(name = "correlate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List a run's requests in Vault's audit log; flag tokens used after their phase closed and "
                + "JWT-role tokens no phase recorded (exit 1 if any).")
public class AuditCorrelateCommand implements Callable<Integer>, ContextCommand {
    @Spec
    CommandSpec spec;

    private CliContext context;

    AuditDatabase database;

    JsonMapper json;

    @Option(names = "--vault-audit-log", required = true, description = "Vault's file audit device output")
    Path vaultAuditLog;

    @Option(names = "--run", required = true, description = "a run id (terraform_run_id)")
    String run;

    @Option(names = "--vault-addr", description = "Vault, to hash accessors as the audit device does "
            + "(sys/audit-hash); without it only clear-text accessors match")
    URI vaultAddr;

    @Option(names = "--vault-token-file", description = "a token allowed update on sys/audit-hash/DEVICE "
            + "(default: $VAULT_TOKEN)")
    Path vaultTokenFile;

    @Option(names = "--audit-device", defaultValue = "file", description = "the audit device's path (default: file)")
    String device;

    @Option(names = "--jwt-path", defaultValue = "jwt", split = ",",
            description = "the broker's JWT auth mount paths (default: jwt)")
    List<String> jwtPaths;

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // The broker's beans, started only now: parsing and --help need none.
        database = context.get().getBean(AuditDatabase.class);
        json = context.get().getBean(JsonMapper.class);
        PrintWriter out = spec.commandLine().getOut();
        List<VaultAuditEntry> log = VaultAuditLog.parse(Files.readAllLines(vaultAuditLog), this::parse);
        AuditHashClient hasher = vaultAddr == null ? null : new AuditHashClient(vaultAddr, token(), device, json);
        if (hasher == null) {
            spec.commandLine().getErr().println("note: no --vault-addr, HMAC'd accessors are not matched");
        }
        Map<String, Set<String>> loggedBySession = new HashMap<>();
        List<PhaseTokens> phases = new ArrayList<>();
        try {
            database.read(archive -> {
                for (String[] login : archive.logins()) {
                    Set<String> logged = loggedBySession.computeIfAbsent(login[0], k -> new HashSet<>());
                    logged.add(login[1]);
                    if (hasher != null) {
                        logged.add(hasher.hash(login[1]));
                    }
                }
                closedAt(archive.byRun(run)).forEach((phase, closed) -> phases.add(new PhaseTokens(phase,
                        loggedBySession.getOrDefault(phase, Set.of()), closed)));
                return null;
            });
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("credbroker: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Set<String> known = loggedBySession.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> logins = jwtPaths.stream().map(p -> "auth/" + p + "/login").collect(Collectors.toSet());
        Correlation.Result result = Correlation.of(run, phases, known, logins, log);

        out.println("run " + run + ": " + phases.size() + " phases, " + result.requests().size()
                + " Vault audit entries");
        for (Correlation.Match m : result.requests()) {
            VaultAuditEntry e = m.entry();
            out.println(e.time() + "  " + pad(e.type(), 9) + pad(e.operation(), 7) + pad(e.path(), 40)
                    + "by=" + m.foundBy() + m.phaseId().map(p -> " phase=" + p).orElse("") + " line=" + e.line());
        }
        for (Correlation.Flag f : result.flags()) {
            VaultAuditEntry e = f.entry();
            out.println("FLAG " + f.kind() + ": " + e.time() + " " + e.operation() + " " + e.path() + " (line "
                    + e.line() + "): " + f.why());
        }
        out.flush();
        return result.flags().isEmpty() ? 0 : ExitCodes.FAILURE;
    }

    /** Each phase of the run and when it was closed or reaped, from the broker's own events. */
    private Map<String, Instant> closedAt(List<AuditRow> events) {
        Map<String, Instant> closed = new LinkedHashMap<>();
        for (AuditRow row : events) {
            if (row.sessionId() == null) {
                continue;
            }
            closed.putIfAbsent(row.sessionId(), null);
            if (closed.get(row.sessionId()) == null && (row.event().equals("phase.closing")
                    || row.event().equals("phase.reaped") || row.event().equals("phase.open-failed"))) {
                Object time = parse(row.detail()).get("time");
                closed.put(row.sessionId(), time == null ? row.at() : Instant.parse(String.valueOf(time)));
            }
        }
        return closed;
    }

    private String token() throws IOException {
        String token = vaultTokenFile != null ? Files.readString(vaultTokenFile).strip() : System.getenv("VAULT_TOKEN");
        if (token == null || token.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--vault-addr needs a token: --vault-token-file or $VAULT_TOKEN");
        }
        return token;
    }

    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
