package dev.credbroker.cli.phase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * {@code /v1/phases} over {@link java.net.http}. Every call carries the workload token as a bearer and nothing
 * else secret; redirects are not followed, so the token goes to the configured broker only. A refusal becomes a
 * {@link PhaseCliException} whose message is the broker's problem document on one line.
 */
public final class BrokerClient {
    /** Phase ids are UUIDs; checked because they become a path segment. */
    private static final Pattern PHASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param tls the trust for an https broker ({@code --cacert}); {@code null} for the JDK's default trust store
     */
    public BrokerClient(URI broker, String token, Duration timeout, SSLContext tls) {
        String url = broker.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    static String checkPhaseId(String id, String source) {
        if (id == null || !PHASE_ID.matcher(id).matches()) {
            throw PhaseCliException.badInput(source + ": not a phase id");
        }
        return id;
    }

    /** {@code POST /v1/phases}; the answer carries credentials. */
    public Map<String, Object> open(Map<String, String> variables) {
        return call("POST", "/v1/phases", Map.of("variables", variables), 201);
    }

    public Map<String, Object> heartbeat(String phaseId) {
        return call("POST", "/v1/phases/" + phaseId + "/heartbeat", Map.of(), 200);
    }

    /** {@code POST /v1/phases/{id}/credentials/aws/refresh}; the answer carries credentials. */
    public Map<String, Object> refreshAws(String phaseId, String tag) {
        return call("POST", "/v1/phases/" + phaseId + "/credentials/aws/refresh", Map.of("tag", tag), 200);
    }

    public Map<String, Object> status(String phaseId) {
        return call("GET", "/v1/phases/" + phaseId, null, 200);
    }

    public void close(String phaseId) {
        call("DELETE", "/v1/phases/" + phaseId, null, 204);
    }

    private Map<String, Object> call(String method, String path, Object body, int expected) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json, application/problem+json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(Json.write(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw PhaseCliException.failure("the broker at " + base + " did not answer " + method + " " + path
                    + " in time");
        } catch (IOException e) {
            throw PhaseCliException.failure("cannot reach the broker at " + base + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PhaseCliException.failure("interrupted while calling the broker");
        }
        if (response.statusCode() != expected) {
            throw PhaseCliException.refused(response.statusCode(), problemLine(response));
        }
        if (response.body().length == 0) {
            return Map.of();
        }
        try {
            return Json.parseObject(response.body());
        } catch (IOException | RuntimeException e) {
            // the body may hold credentials: say what it is not, never what it is
            throw PhaseCliException.failure("the broker's answer to " + method + " " + path + " is not a JSON object");
        }
    }

    /** {@code <title>: <detail> (<type>)} from an RFC 7807 body; the status alone for anything else. */
    private String problemLine(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json") && response.body().length > 0) {
            try {
                Map<String, Object> problem = Json.parseObject(response.body());
                if (problem.get("type") instanceof String type && problem.get("title") instanceof String title) {
                    String detail = problem.get("detail") instanceof String d ? d : null;
                    return oneLine(title) + (detail == null ? "" : ": " + oneLine(detail)) + " (" + oneLine(type) + ")";
                }
            } catch (IOException | RuntimeException ignored) {
                // not a problem document: fall through
            }
        }
        return "the broker answered HTTP " + response.statusCode();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "…";
    }
}
