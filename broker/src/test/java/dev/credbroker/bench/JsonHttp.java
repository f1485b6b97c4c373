package dev.credbroker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 client with keep-alive, as one runner (or the driver) holds it, speaking JSON both ways.
 * Bodies that come back are parsed but never printed whole: they hold credentials.
 */
final class JsonHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What came back: the status and the parsed body (empty when there was none). */
    record Reply(int status, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> section(String name) {
            return body.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** Vault's {@code errors} or the broker's problem {@code type}: secret-free, for error lines. */
        String why() {
            Object errors = body.get("errors");
            if (errors instanceof List<?> l && !l.isEmpty()) {
                String first = String.valueOf(l.get(0));
                return first.length() > 120 ? first.substring(0, 120) + "…" : first;
            }
            return String.valueOf(body.getOrDefault("type", ""));
        }
    }

    Reply send(String method, URI uri, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = response.body().length == 0 || response.body()[0] != '{' ? Map.of()
                    : JSON.readValue(response.body(), Map.class);
            return new Reply(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri.getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri.getPath() + " interrupted", e);
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> vaultToken(String token) {
        return Map.of("X-Vault-Token", token);
    }
}
