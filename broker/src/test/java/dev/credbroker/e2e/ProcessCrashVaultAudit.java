package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Vault's side of the story, read from its file audit device (enabled with {@code hmac_accessor=false} and
 * {@code X-Credbroker-Run-Id} audited in clear): every token a JWT login handed out and every leased secret read,
 * each with the run it was for and the accessor of the token involved. Vault writes the response entry before
 * answering, so anything the broker received from Vault is here, whether or not the broker lived to record it.
 */
final class ProcessCrashVaultAudit {
    static final String RUN_ID_HEADER = "x-credbroker-run-id";

    /** A JWT login Vault answered with a token. */
    record Login(String runId, String accessor) {
    }

    /** A read that created a lease, made with the token whose accessor is given. */
    record LeasedRead(String runId, String accessor, String path, String leaseId) {
    }

    private final List<Login> logins = new ArrayList<>();
    private final List<LeasedRead> reads = new ArrayList<>();

    private ProcessCrashVaultAudit() {
    }

    static ProcessCrashVaultAudit read(Path file) {
        ObjectMapper json = new ObjectMapper();
        ProcessCrashVaultAudit audit = new ProcessCrashVaultAudit();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = json.readTree(line);
                if (!"response".equals(entry.path("type").asText())) {
                    continue;
                }
                JsonNode request = entry.path("request");
                String path = request.path("path").asText();
                JsonNode runIds = request.path("headers").path(RUN_ID_HEADER);
                String runId = runIds.isArray() && runIds.size() > 0 ? runIds.get(0).asText() : null;
                JsonNode response = entry.path("response");
                if (path.startsWith("auth/jwt/login") && response.path("auth").hasNonNull("accessor")) {
                    audit.logins.add(new Login(runId, response.path("auth").path("accessor").asText()));
                }
                String leaseId = response.path("secret").path("lease_id").asText("");
                if (!leaseId.isEmpty()) {
                    audit.reads.add(new LeasedRead(runId, entry.path("auth").path("accessor").asText(null), path,
                            leaseId));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return audit;
    }

    List<Login> logins() {
        return List.copyOf(logins);
    }

    List<LeasedRead> reads() {
        return List.copyOf(reads);
    }

    /** Lease ids Vault created for one run, sorted. */
    Set<String> leaseIds(String runId) {
        return reads.stream().filter(r -> runId.equals(r.runId())).map(LeasedRead::leaseId)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
