package dev.credbroker.api;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;
import dev.credbroker.workload.InvalidWorkloadTokenException;
import dev.credbroker.workload.RefusalLog;
import dev.credbroker.workload.TokenFacts;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place a {@link BrokerException} becomes an HTTP status. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = {BrokerException.class, ExceptionHandler.class})
public class BrokerExceptionHandler implements ExceptionHandler<BrokerException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerExceptionHandler.class);

    private final ProblemFactory problems;
    private final RefusalLog refusals;

    public BrokerExceptionHandler(ProblemFactory problems, RefusalLog refusals) {
        this.problems = problems;
        this.refusals = refusals;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, BrokerException e) {
        if (e.kind() == ErrorKind.INTERNAL) {
            // the message is ours and secret-free by contract; the cause may not be, so only its type is logged
            LOG.error("{} {} failed: {} ({})", request.getMethod(), request.getPath(), e.getMessage(),
                    e.getCause() == null ? "no cause" : e.getCause().getClass().getName());
        }
        if (e.kind() == ErrorKind.UNAUTHENTICATED && !(e instanceof InvalidWorkloadTokenException)) {
            // the verifier logs its own refusals; these come later (a replayed jti) or elsewhere (minting)
            refusals.refused(e.getMessage(), request.getAttribute(RefusalFacts.ATTRIBUTE, TokenFacts.class)
                    .orElse(TokenFacts.UNKNOWN));
        }
        return problems.forException(request, e);
    }
}
