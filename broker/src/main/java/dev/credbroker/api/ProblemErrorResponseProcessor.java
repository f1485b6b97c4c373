package dev.credbroker.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;

import java.util.stream.Collectors;

/**
 * Renders Micronaut's own errors (unknown route, unreadable JSON, failed validation, wrong media type)
 * as problem+json too, so a caller sees one error shape whatever went wrong.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private final ProblemFactory problems;

    public ProblemErrorResponseProcessor(ProblemFactory problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String detail = status >= 500 ? null : detailOf(context, status, response);
        MutableHttpResponse<Problem> built = problems.forStatus(context.getRequest(), status,
                response.reason(), detail == null || detail.isBlank() ? null : detail);
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> built.header(name, v));
            }
        });
        return built;
    }

    /**
     * What went wrong, by status first: routing answers (404, 405, 406, 415, 413) get a sentence of our own, since
     * Micronaut's root cause for them would otherwise read as a body problem. Parser and conversion errors quote
     * the request body, which may hold a JWT, so for them only a fixed sentence is given; messages Micronaut
     * composes itself (constraint violations) are passed on.
     */
    private static String detailOf(ErrorContext context, int status, MutableHttpResponse<?> response) {
        String method = context.getRequest().getMethodName();
        switch (status) {
            case 404:
                return "no resource is served at this path";
            case 405:
                String allowed = String.join(", ", response.getHeaders().getAll("Allow"));
                return method + " is not allowed on this path" + (allowed.isEmpty() ? "" : "; allowed: " + allowed);
            case 406:
                return "the broker answers application/json and application/problem+json only";
            case 413:
                return "the request body is larger than the broker accepts";
            case 415:
                return "the request body must be application/json";
            default:
                break;
        }
        boolean quotesInput = context.getRootCause()
                .filter(cause -> !(cause instanceof ConstraintViolationException))
                .isPresent();
        if (quotesInput) {
            return "the request body could not be read as the expected JSON document";
        }
        return context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }
}
