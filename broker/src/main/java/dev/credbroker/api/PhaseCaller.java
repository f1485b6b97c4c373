package dev.credbroker.api;

import dev.credbroker.workload.TokenFacts;
import dev.credbroker.workload.WorkloadToken;
import dev.credbroker.workload.WorkloadTokenVerifier;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/**
 * The workload token behind a phase call (open, heartbeat, close, status, refresh): a missing bearer is refused
 * (and logged) by the verifier too, so every refused request leaves one line; who called is kept on the request,
 * as the exception handler logs a later refusal (a replay) from there.
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
