package dev.credbroker.api;

import dev.credbroker.phase.PhaseKeeper;
import dev.credbroker.phase.PhaseOpener;
import dev.credbroker.workload.WorkloadToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.Map;

/**
 * The runner's API. Every call carries the phase's workload token as a bearer; heartbeat, close and status
 * answer only for the phase that token opened: the token is checked first (401), then the id's form (404), and
 * only then is the database asked. Blocking work (Vault, database) runs off the event loop.
 */
@Controller("/v1/phases")
@ProblemResponses
@SecurityRequirement(name = OpenApiDocument.WORKLOAD_TOKEN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PhaseController {
    private final PhaseCaller caller;
    private final PhaseOpener opener;
    private final PhaseKeeper keeper;

    PhaseController(PhaseCaller caller, PhaseOpener opener, PhaseKeeper keeper) {
        this.caller = caller;
        this.opener = opener;
        this.keeper = keeper;
    }

    @Post
    @Produces(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "The phase is open: its credentials", useReturnTypeSchema = true)
    public HttpResponse<PhaseResponses.Opened> open(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                    @Body OpenPhaseBody body) {
        WorkloadToken token = token(authorization);
        Map<String, String> variables = body.variables() == null ? Map.of() : body.variables();
        var opened = opener.open(token, variables);
        return HttpResponse.created(PhaseResponses.Opened.of(opened))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/{id}/heartbeat")
    @Produces(MediaType.APPLICATION_JSON)
    public PhaseResponses.Heartbeat heartbeat(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                              @PathVariable String id) {
        WorkloadToken token = token(authorization);
        return PhaseResponses.Heartbeat.of(keeper.heartbeat(PhaseIds.require(id), token));
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "Vault confirmed every lease and token revoked")
    public HttpResponse<Void> close(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathVariable String id) {
        WorkloadToken token = token(authorization);
        keeper.close(PhaseIds.require(id), token);
        return HttpResponse.noContent();
    }

    @Get("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public PhaseResponses.Status status(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                        @PathVariable String id) {
        WorkloadToken token = token(authorization);
        return PhaseResponses.Status.of(keeper.view(PhaseIds.require(id), token));
    }

    private WorkloadToken token(String authorization) {
        return caller.verify(authorization);
    }
}
