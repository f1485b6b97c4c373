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
        String detail = status >= 500 ? null : detailOf(context);
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
     * Parser and conversion errors quote the request body, which may hold a JWT, so only messages that
     * Micronaut composes itself (routing, media type, constraint violations) are passed on.
     */
    private static String detailOf(ErrorContext context) {
        boolean quotesInput = context.getRootCause()
                .filter(cause -> !(cause instanceof ConstraintViolationException))
                .isPresent();
        if (quotesInput) {
            return "the request body could not be read as the expected JSON document";
        }
        return context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }
}
