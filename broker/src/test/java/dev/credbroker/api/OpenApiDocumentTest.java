package dev.credbroker.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/openapi.yml}, as anyone fetches it from a running broker: it parses as OpenAPI 3, lists every
 * route the broker's own controllers serve (taken from the running router, so a new route without documentation
 * fails here) and the anonymous management endpoints, gives the authenticated calls their problem+json errors and
 * bearer scheme, and carries nothing of this install's configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final String OPERATOR = "operator-secret-for-openapi-test";
    private static final String ORCHESTRATOR = "orchestrator-secret-for-openapi-test";
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;
    private HttpResponse<String> served;
    private Map<String, Object> document;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) throws Exception {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "broker.issuer.key-dir", dir.resolve("keys").toString(),
                "broker.issuer.rotation-enabled", false,
                "broker.issuer.orchestrator-token", ORCHESTRATOR,
                "broker.phases.reaper-initial-delay", "1h",
                "broker.operator.token", OPERATOR,
                "broker.vault.targets.main.address", "http://vault.openapi-test.invalid:8200"), Environment.TEST);
        served = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + OpenApiDocument.PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        document = new Yaml().load(served.body());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private Map<String, Object> operation(String path, String method) {
        Map<String, Object> item = map(map(document.get("paths")).get(path));
        assertTrue(item != null && item.containsKey(method), method + " " + path + " documented");
        return map(item.get(method));
    }

    @Test
    void theDocumentShouldBeServedToAnyoneAsOpenApi3Yaml() {
        assertEquals(200, served.statusCode());
        assertEquals("application/yaml", served.headers().firstValue("Content-Type").orElse(""));
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), "OpenAPI 3");
        assertEquals("credbroker", map(document.get("info")).get("title"));
    }

    @Test
    void everyRouteOfTheBrokersControllersShouldBeDocumented() {
        Set<String> routes = server.getApplicationContext().getBean(Router.class).uriRoutes()
                .filter(r -> r.getTargetMethod().getDeclaringType().getPackageName().startsWith("dev.credbroker"))
                // Micronaut answers HEAD wherever there is a GET; OpenAPI documents the GET
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD)
                .map(OpenApiDocumentTest::describe)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(routes.containsAll(List.of("post /v1/phases", "post /v1/phases/{id}/heartbeat",
                "delete /v1/phases/{id}", "get /v1/phases/{id}", "post /v1/phases/{id}/credentials/aws/refresh",
                "post /v1/issuer/tokens", "get /.well-known/jwks", "get /.well-known/openid-configuration",
                "get /v1/operator/health", "get " + OpenApiDocument.PATH)), routes.toString());
        Set<String> documented = new TreeSet<>();
        map(document.get("paths")).forEach((path, item) -> map(item).keySet()
                .forEach(method -> documented.add(method + " " + path)));
        assertTrue(documented.containsAll(routes), "undocumented: " + routes.stream()
                .filter(r -> !documented.contains(r)).toList());
        assertTrue(documented.containsAll(List.of("get /health", "get /health/liveness", "get /health/readiness",
                "get /prometheus")), documented.toString());
    }

    private static String describe(UriRouteInfo<?, ?> route) {
        HttpMethod method = route.getHttpMethod();
        return method.name().toLowerCase(Locale.ROOT) + " " + route.getUriMatchTemplate().toPathString();
    }

    @Test
    void authenticatedCallsShouldDocumentTheirProblemJsonErrorsAndBearerScheme() {
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        assertEquals("bearer", map(schemes.get("workload-token")).get("scheme"));
        for (String[] call : new String[][]{{"/v1/phases", "post"}, {"/v1/phases/{id}/heartbeat", "post"},
                {"/v1/phases/{id}", "delete"}, {"/v1/phases/{id}", "get"},
                {"/v1/phases/{id}/credentials/aws/refresh", "post"}}) {
            Map<String, Object> operation = operation(call[0], call[1]);
            assertEquals(List.of(Map.of("workload-token", List.of())), operation.get("security"), call[0]);
            Map<String, Object> responses = map(operation.get("responses"));
            for (String status : List.of("400", "401", "404", "409", "503")) {
                Map<String, Object> content = map(map(responses.get(status)).get("content"));
                Map<String, Object> schema = map(map(content.get(Problem.MEDIA_TYPE)).get("schema"));
                assertEquals("#/components/schemas/Problem", schema.get("$ref"), call[1] + " " + call[0] + " " + status);
            }
        }
        assertTrue(map(operation("/v1/phases", "post").get("responses")).containsKey("201"));
        assertTrue(map(operation("/v1/phases/{id}", "delete").get("responses")).containsKey("204"));
        assertEquals(List.of(Map.of("orchestrator-credential", List.of())),
                operation("/v1/issuer/tokens", "post").get("security"));
        Map<String, Object> problem = map(map(map(document.get("components")).get("schemas")).get("Problem"));
        assertEquals(List.of("status", "title", "type"), List.copyOf(new TreeSet<>((List<String>) problem.get("required"))));
        assertFalse(map(problem.get("properties")).containsKey("extensions"), "extension members sit beside the others");
    }

    @Test
    void theDocumentShouldCarryNothingOfThisInstall() {
        for (String configured : List.of(OPERATOR, ORCHESTRATOR, "vault.openapi-test.invalid", "jdbc:")) {
            assertFalse(served.body().contains(configured), configured);
        }
    }
}
