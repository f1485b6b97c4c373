package dev.credbroker.e2e;

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

/** What a runner sidecar does over HTTP: open, heartbeat, look at, close a phase. */
final class Runner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI broker;

    Runner(URI broker) {
        this.broker = broker;
    }

    record Reply(int status, String contentType, Map<String, Object> body, String raw) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> credentials() {
            return (List<Map<String, Object>>) body.get("credentials");
        }

        String phaseId() {
            return (String) body.get("phase_id");
        }
    }

    Reply open(String token, Map<String, String> variables) {
        return send("POST", "/v1/phases", token, Map.of("variables", variables));
    }

    Reply heartbeat(String token, String phaseId) {
        return send("POST", "/v1/phases/" + phaseId + "/heartbeat", token, Map.of());
    }

    Reply status(String token, String phaseId) {
        return send("GET", "/v1/phases/" + phaseId, token, null);
    }

    Reply close(String token, String phaseId) {
        return send("DELETE", "/v1/phases/" + phaseId, token, null);
    }

    @SuppressWarnings("unchecked")
    Reply send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(broker.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            Map<String, Object> parsed = !json || response.body().isEmpty() ? Map.of()
                    : JSON.readValue(response.body(), Map.class);
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed,
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
