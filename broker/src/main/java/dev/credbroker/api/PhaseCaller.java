package dev.credbroker.api;

import dev.credbroker.workload.TokenFacts;
import dev.credbroker.workload.WorkloadToken;
import dev.credbroker.workload.WorkloadTokenVerifier;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/**
 * The workload token behind a phase call, verified as {@link PhaseController} verifies it: a missing bearer is
 * refused (and logged) by the verifier too, and who called is kept on the request for a later refusal's log line.
 */
@Singleton
class PhaseCaller {
    private final WorkloadTokenVerifier verifier;

    PhaseCaller(WorkloadTokenVerifier verifier) {
        this.verifier = verifier;
    }

    WorkloadToken verify(String authorization) {
        String bearer = Bearer.of(authorization);
        WorkloadToken token = verifier.verify(bearer == null ? "" : bearer);
        ServerRequestContext.currentRequest().ifPresent(r -> r.setAttribute(RefusalFacts.ATTRIBUTE,
                new TokenFacts(token.identity().issuer(), null, token.identity().jti())));
        return token;
    }
}
