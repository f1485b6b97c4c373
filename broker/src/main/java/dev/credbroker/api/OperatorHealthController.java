package dev.credbroker.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthResult;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.reactivestreams.Publisher;

import java.security.Principal;
import java.util.Locale;

/**
 * {@code GET /v1/operator/health[?check=liveness|readiness]}: what {@code /health} shows anyone (UP or DOWN) with
 * its details — database, Vault targets, trusted issuers' keys, disk — for the operator credential only. The
 * anonymous endpoint gives no details ({@code endpoints.health.details-visible: AUTHENTICATED} and no principal is
 * ever set there); this controller asks the same endpoint with the operator as principal.
 */
@Controller("/v1/operator/health")
@ProblemResponses
@SecurityRequirement(name = OpenApiDocument.OPERATOR)
public class OperatorHealthController {
    private static final Principal OPERATOR = () -> "operator";

    private final HealthEndpoint health;
    private final OperatorCredential operator;

    public OperatorHealthController(HealthEndpoint health, OperatorCredential operator) {
        this.health = health;
        this.operator = operator;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    public Publisher<HttpResponse<HealthResult>> details(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                         @Nullable @QueryValue String check) {
        if (!operator.matches(Bearer.of(authorization))) {
            throw new OperatorUnauthenticatedException();
        }
        // anything but liveness or readiness means the whole health, as /health shows it
        Publisher<HealthResult> result = "liveness".equals(check) || "readiness".equals(check)
                ? health.getHealth(OPERATOR, HealthCheckType.valueOf(check.toUpperCase(Locale.ROOT)))
                : health.getHealth(OPERATOR);
        return Publishers.map(result, r -> HttpResponse.status(r.getStatus().equals(HealthStatus.DOWN)
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).body(r));
    }
}
