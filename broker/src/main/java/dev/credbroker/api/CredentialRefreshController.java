package dev.credbroker.api;

import dev.credbroker.phase.CredentialRefresher;
import dev.credbroker.variables.Provider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Fresh AWS credentials for an open phase, for {@code aws-credential-process} near their expiry: STS credentials
 * can't be renewed, and a long apply outlives them. Only the phase's own workload token may ask, as for heartbeat
 * and close; 409 once the phase is closing or closed, or when this instance does not hold its Vault token.
 */
@Controller("/v1/phases")
@ProblemResponses
@SecurityRequirement(name = OpenApiDocument.WORKLOAD_TOKEN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialRefreshController {
    private final PhaseCaller caller;
    private final CredentialRefresher refresher;

    CredentialRefreshController(PhaseCaller caller, CredentialRefresher refresher) {
        this.caller = caller;
        this.refresher = refresher;
    }

    @Post("/{id}/credentials/aws/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<RefreshedCredentials> refreshAws(
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String id,
            @Nullable @Body RefreshCredentialsBody body) {
        var token = caller.verify(authorization);
        String tag = body == null || body.tag() == null ? "" : body.tag();
        return HttpResponse.ok(RefreshedCredentials.of(refresher.refresh(PhaseIds.require(id), token, Provider.AWS, tag)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
