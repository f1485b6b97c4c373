package dev.credbroker.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/openapi.yml}: the OpenAPI 3 document micronaut-openapi generates from the controllers at compile
 * time ({@code META-INF/swagger/credbroker.yml}), to anyone. It describes shapes and paths only: nothing in it is
 * a secret or configuration of this install.
 */
@OpenAPIDefinition(info = @Info(title = "credbroker", version = "v1",
        description = "Vault-backed short-lived cloud credentials for Terraform run phases. Errors are RFC 7807 "
                + "application/problem+json with type urn:credbroker:problem:<code>."))
@SecurityScheme(name = OpenApiDocument.WORKLOAD_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "The run phase's workload identity token; heartbeat, refresh, status "
        + "and close answer only for the phase that token opened")
@SecurityScheme(name = OpenApiDocument.ORCHESTRATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The orchestrator credential (BROKER_ISSUER_ORCHESTRATOR_TOKEN)")
@SecurityScheme(name = OpenApiDocument.OPERATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator credential (BROKER_OPERATOR_TOKEN)")
@Controller
public class OpenApiDocument {
    public static final String PATH = "/v1/openapi.yml";
    static final String WORKLOAD_TOKEN = "workload-token";
    static final String ORCHESTRATOR = "orchestrator-credential";
    static final String OPERATOR = "operator-credential";
    static final String RESOURCE = "META-INF/swagger/credbroker.yml";
    /** RFC 9512. */
    static final String YAML = "application/yaml";

    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            document = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(PATH)
    @Produces(YAML)
    public HttpResponse<byte[]> document() {
        return document == null ? HttpResponse.status(HttpStatus.NOT_FOUND)
                : HttpResponse.ok(document).header("Cache-Control", "public, max-age=300");
    }
}
