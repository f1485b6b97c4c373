package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code BROKER_LOG_FORMAT=json} on a broker started as an operator starts it (a JVM of its own, environment
 * variables only): everything it writes from start to shutdown, a refused request's WARN included, is one JSON
 * object per line.
 */
class JsonLogProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineABrokerWritesShouldBeAJsonObjectWithTheDocumentedKeys(@TempDir Path work) throws Exception {
        int port = ProcessCrashBroker.freePort();
        try (ProcessCrashBroker broker = new ProcessCrashBroker("json-log", work, port,
                Map.of("BROKER_LOG_FORMAT", "json"))) {
            broker.start();
            HttpClient http = HttpClient.newHttpClient();
            awaitLive(http, broker);
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(broker.url().resolve("/v1/phases"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"variables\": {}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            broker.stop();

            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(broker.log())) {
                JsonNode event = JSON.readTree(line);
                assertTrue(event.isObject(), line);
                for (String key : List.of("time", "level", "logger", "thread", "message")) {
                    assertTrue(event.hasNonNull(key), key + " in " + line);
                }
                events.add(event);
            }
            assertTrue(events.stream().anyMatch(e -> e.get("level").asText().equals("WARN")
                    && e.get("logger").asText().startsWith("dev.credbroker")), "the refusal's WARN line");
            assertTrue(events.stream().anyMatch(e -> e.get("message").asText().contains("Startup completed")
                    || e.get("logger").asText().startsWith("io.micronaut")), "Micronaut's own lines too");
        }
    }

    private static void awaitLive(HttpClient http, ProcessCrashBroker broker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(broker.url().resolve("/health/liveness")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("broker not live; see " + broker.log() + "\n" + broker.tail());
    }
}
