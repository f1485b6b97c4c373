package dev.credbroker.cli.audit;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code sys/audit-hash/<device>}: the value as that audit device writes it (its HMAC with the device's salt),
 * which only Vault can compute. Needs a token allowed {@code update} on that path; the token is sent, never
 * printed.
 */
final class AuditHashClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI address;
    private final String token;
    private final String device;
    private final JsonMapper json;

    AuditHashClient(URI address, String token, String device, JsonMapper json) {
        this.address = address;
        this.token = token;
        this.device = device;
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    String hash(String input) {
        String path = "sys/audit-hash/" + device;
        try {
            HttpRequest request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                    .timeout(Duration.ofSeconds(10)).header("X-Vault-Token", token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("input", input))))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("Vault answered " + response.statusCode() + " to PUT " + path);
            }
            Map<String, Object> body = json.readValue(response.body(), Map.class);
            Object hash = body.get("hash") != null ? body.get("hash")
                    : body.get("data") instanceof Map<?, ?> data ? data.get("hash") : null;
            if (hash == null) {
                throw new IllegalArgumentException("Vault's answer to PUT " + path + " has no hash: "
                        + new String(response.body(), StandardCharsets.UTF_8).length() + " bytes");
            }
            return String.valueOf(hash);
        } catch (IOException e) {
            throw new IllegalArgumentException("PUT " + path + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("PUT " + path + " interrupted");
        }
    }
}
