package dev.credbroker.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ProblemRenderingTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void unknownRouteShouldBeAProblemDocument() {
        var e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/no-such-thing"), Map.class));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertEquals(Problem.MEDIA_TYPE, e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(404, ((Number) body.get("status")).intValue());
        assertTrue(String.valueOf(body.get("type")).startsWith(Problem.TYPE_PREFIX));
        assertEquals("/v1/no-such-thing", body.get("instance"));
    }

    @Test
    void livenessShouldBeUpWithoutAVault() {
        Map<?, ?> body = client.toBlocking().retrieve(HttpRequest.GET("/health/liveness"), Map.class);
        assertEquals("UP", body.get("status"));
    }
}
