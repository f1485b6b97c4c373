package dev.credbroker.vaultsim.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.token.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vault's {@code file} audit device: one JSON line for each request and one for each response. Tokens,
 * request and response data are HMAC'd with the device's salt; accessors too unless {@code hmac_accessor}
 * is false; lease ids, paths and policies stay in clear, so an auditor can correlate without secrets.
 */
public final class FileAuditDevice {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final boolean hmacAccessor;
    private final Hmac hmac = new Hmac();
    private final Clock clock;

    public FileAuditDevice(Path file, boolean hmacAccessor, Clock clock) {
        this.file = file;
        this.hmacAccessor = hmacAccessor;
        this.clock = clock;
    }

    public Hmac hmac() {
        return hmac;
    }

    public Path file() {
        return file;
    }

    public synchronized void logRequest(AuditRecord record) {
        Map<String, Object> entry = base("request", record);
        append(entry);
    }

    public synchronized void logResponse(AuditRecord record) {
        Map<String, Object> entry = base("response", record);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("mount_type", record.mountType());
        if (record.response() != null && record.response().body() != null) {
            Map<String, Object> body = record.response().body();
            Object leaseId = body.get("lease_id");
            if (leaseId != null && !"".equals(leaseId)) {
                response.put("secret", Map.of("lease_id", leaseId));
            }
            response.put("data", hmac.hashValues(body.get("data")));
            Map<String, Object> auth = record.response().section("auth");
            if (auth != null) {
                Map<String, Object> hashed = new LinkedHashMap<>(auth);
                hashed.put("client_token", hmac.hash(String.valueOf(auth.get("client_token"))));
                hashed.put("accessor", accessor(String.valueOf(auth.get("accessor"))));
                response.put("auth", hashed);
            }
        }
        entry.put("response", response);
        if (record.error() != null) {
            entry.put("error", record.error());
        }
        append(entry);
    }

    private Map<String, Object> base(String type, AuditRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("type", type);
        Token token = record.token();
        if (token != null) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("client_token", hmac.hash(token.id()));
            auth.put("accessor", accessor(token.accessor()));
            auth.put("display_name", token.displayName());
            auth.put("policies", token.policies());
            auth.put("metadata", token.meta());
            auth.put("token_type", "service");
            entry.put("auth", auth);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", record.request().id());
        request.put("operation", record.request().operation().name().toLowerCase());
        request.put("mount_type", record.mountType());
        if (token != null) {
            request.put("client_token", hmac.hash(token.id()));
            request.put("client_token_accessor", accessor(token.accessor()));
        }
        request.put("namespace", Map.of("id", "root"));
        request.put("path", record.request().path());
        request.put("data", record.request().data().isEmpty() ? null : hmac.hashValues(record.request().data()));
        request.put("remote_address", record.request().remoteAddress());
        if (!record.auditedHeaders().isEmpty()) {
            request.put("headers", record.auditedHeaders());
        }
        entry.put("request", request);
        return entry;
    }

    private String accessor(String accessor) {
        return hmacAccessor ? hmac.hash(accessor) : accessor;
    }

    private void append(Map<String, Object> entry) {
        try {
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as this device writes it, for {@code sys/audit-hash}. */
    public String hash(String input) {
        return hmac.hash(input);
    }

    static List<String> headerValues(Hmac hmac, List<String> values, boolean hmacHeader) {
        return hmacHeader ? values.stream().map(hmac::hash).toList() : values;
    }
}
