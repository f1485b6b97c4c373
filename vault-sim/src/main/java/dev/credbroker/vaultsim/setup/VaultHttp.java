package dev.credbroker.vaultsim.setup;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Just enough of Vault's HTTP API to configure a Vault as an operator would. Deliberately not the broker's
 * gateway: the setup must not depend on the code it demonstrates.
 */
final class VaultHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI address;
    private final String token;

    VaultHttp(URI address, String token) {
        this.address = address;
        this.token = token;
    }

    Map<String, Object> write(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    Map<String, Object> put(String path, Map<String, ?> body) {
        return send("PUT", path, body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(String method, String path, Map<String, ?> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Vault-Token", token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                // Vault's error list names the path and the rule; setup bodies hold only demo values
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body().length == 0 ? Map.of() : JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
