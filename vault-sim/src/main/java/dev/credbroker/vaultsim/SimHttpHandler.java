package dev.credbroker.vaultsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.credbroker.vaultsim.core.Dispatcher;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vault's HTTP layer: {@code /v1/<path>}, the token in {@code X-Vault-Token} (or {@code Authorization:
 * Bearer}), JSON bodies for writes and query parameters for reads, {@code {"errors": [...]}} for failures,
 * and the injected faults applied before anything else.
 */
final class SimHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SimHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "LIST");

    private final Namespaces namespaces;
    private final Faults faults;
    private final LongAdder requests = new LongAdder();

    SimHttpHandler(Namespaces namespaces, Faults faults) {
        this.namespaces = namespaces;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        try (exchange) {
            respond(exchange);
        } catch (IOException | RuntimeException | Error e) {
            // The JDK server would swallow it silently; a sim bug must be visible in the test output.
            LOG.error("vault-sim failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            throw e;
        }
    }

    /** Every request this handler has been handed, answered or not. */
    long requests() {
        return requests.sum();
    }

    private void respond(HttpExchange exchange) throws IOException {
        {
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = rawPath.startsWith("/v1/") ? decode(rawPath.substring(4)).replaceAll("/+$", "") : null;
            pause();
            Optional<Faults.Injected> injected = path == null ? Optional.empty() : faults.take(path);
            if (injected.isPresent() && injected.get().status() == 0) {
                return; // closing the exchange unanswered: the client sees the connection end
            }
            Response response = injected.isPresent()
                    ? error(injected.get().status(), List.of("injected fault"))
                    : serve(exchange, path);
            send(exchange, response);
        }
    }

    private Response serve(HttpExchange exchange, String path) {
        if (path == null || !METHODS.contains(exchange.getRequestMethod())) {
            return error(404, List.of());
        }
        if (path.equals("sys/health")) {
            return namespaces.root().health(faults.sealed(), query(exchange.getRequestURI().getRawQuery()));
        }
        if (path.equals("sys/seal-status")) {
            return namespaces.root().sealStatus(faults.sealed());
        }
        if (faults.sealed()) {
            return error(503, List.of("Vault is sealed"));
        }
        try {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Operation operation = Operation.of(exchange.getRequestMethod(), "true".equals(query.get("list")));
            // Vault reads the query string for GET, LIST and DELETE only; a write's data is its body, JSON or a
            // form (logical_request's parseJSONRequest / parseFormRequest by Content-Type).
            Map<String, Object> data = new LinkedHashMap<>();
            if (operation != Operation.UPDATE) {
                data.putAll(query);
                data.remove("list");
            }
            data.putAll(isForm(exchange) ? form(exchange.getRequestBody()) : body(exchange.getRequestBody()));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach(headers::put);
            Request request = new Request(null, operation, path, token(exchange),
                    exchange.getRequestHeaders().getFirst("X-Vault-Namespace"), data, headers,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            if (Namespaces.handles(path, request.namespace())) {
                return namespaces.handle(request);
            }
            Optional<Dispatcher> dispatcher = namespaces.dispatcher(request.namespace());
            return dispatcher.isPresent() ? dispatcher.get().handle(request)
                    : error(404, List.of("namespace not found: " + request.namespace()));
        } catch (VaultError e) {
            return error(e.status(), e.errors());
        } catch (RuntimeException e) {
            return error(500, List.of("internal error"));
        }
    }

    private static boolean isForm(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String token(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (token == null && authorization != null && authorization.startsWith("Bearer ")) {
            token = authorization.substring("Bearer ".length());
        }
        return token == null || token.isEmpty() ? null : token;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(InputStream in) {
        try {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return Map.of();
            }
            Object parsed = JSON.readValue(bytes, Object.class);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map)) {
                throw VaultError.badRequest("failed to parse JSON input: body must be a JSON object");
            }
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw VaultError.badRequest("failed to parse JSON input: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw VaultError.badRequest("failed to read request body");
        }
    }

    /** A form body as Go's ParseForm reads it: {@code +} is a space there. */
    private static Map<String, Object> form(InputStream in) {
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        } catch (IOException e) {
            throw VaultError.badRequest("failed to read request body");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void pause() {
        long millis = faults.latency().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Response error(int status, List<String> errors) {
        return new Response(status, Map.of("errors", errors));
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1); // 204, or 202 for a queued revocation
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
