package dev.credbroker.vaultsim.contract;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A bare Vault HTTP client for contract tests: what any client on the wire would send and see. */
public final class VaultHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI address;

    public VaultHttp(URI address) {
        this.address = address;
    }

    public record Reply(int status, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> auth() {
            return (Map<String, Object>) body.get("auth");
        }

        @SuppressWarnings("unchecked")
        public List<String> errors() {
            return (List<String>) body.get("errors");
        }

        public String clientToken() {
            return (String) auth().get("client_token");
        }
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Reply list(String path, String token) {
        return send("LIST", path, token, null, Map.of());
    }

    public Reply write(String path, String token, Map<String, ?> body) {
        return send("POST", path, token, body, Map.of());
    }

    public Reply put(String path, String token, Map<String, ?> body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    @SuppressWarnings("unchecked")
    public Reply send(String method, String path, String token, Map<String, ?> body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("X-Vault-Token", token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed = response.body().isEmpty() ? Map.of()
                    : JSON.readValue(response.body(), Map.class);
            return new Reply(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
