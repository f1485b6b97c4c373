package dev.credbroker.api;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.Actor;
import dev.credbroker.audit.event.TokenMinted;
import dev.credbroker.issuer.MintRequest;

import dev.credbroker.issuer.IssuerConfiguration;
import dev.credbroker.issuer.IssuerMetadata;
import dev.credbroker.issuer.MintedToken;
import dev.credbroker.issuer.OrchestratorCredential;
import dev.credbroker.issuer.TokenMinter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.Map;

/**
 * The broker's own OIDC issuer over HTTP: the two public documents Vault reads (discovery, JWKS) and the
 * orchestrator's minting endpoint, which needs {@code Authorization: Bearer <orchestrator credential>}.
 */
@Controller
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class IssuerController {
    private final IssuerMetadata metadata;
    private final TokenMinter minter;
    private final OrchestratorCredential orchestrator;
    private final AuditLog audit;

    public IssuerController(IssuerMetadata metadata, TokenMinter minter, OrchestratorCredential orchestrator,
                            AuditLog audit) {
        this.audit = audit;
        this.metadata = metadata;
        this.minter = minter;
        this.orchestrator = orchestrator;
    }

    @Get(IssuerMetadata.DISCOVERY_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> discovery() {
        return HttpResponse.ok(metadata.discoveryDocument()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    @Get(IssuerMetadata.JWKS_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> jwks() {
        // short: a verifier re-reads it on an unknown kid anyway, and the next key is published a period ahead
        return HttpResponse.ok(metadata.jwks()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
    }

    @Post("/v1/issuer/tokens")
    @ProblemResponses
    @SecurityRequirement(name = OpenApiDocument.ORCHESTRATOR)
    @ApiResponse(responseCode = "201", description = "A signed workload token", useReturnTypeSchema = true)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<MintTokenResponse> mint(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                @Body MintTokenBody body) {
        orchestrator.authenticate(Bearer.of(authorization));
        MintRequest request = body.toRequest();
        MintedToken minted = minter.mint(request);
        // The orchestrator asked, for this run: who got a token, when, signed with which key; never the token.
        audit.record(new TokenMinted(new Actor("orchestrator", null, null, request.runId(), request.phase(),
                request.workspace()), minted.kid(), minted.jti(), List.of(request.audience()), minted.expiresAt()));
        return HttpResponse.created(new MintTokenResponse(minted.token(), minted.expiresAt().toString(), minted.kid()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
