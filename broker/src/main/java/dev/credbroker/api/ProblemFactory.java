package dev.credbroker.api;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.Map;

/** Builds problem responses; kinds that hide their detail get a fixed text instead; every 401 gets a Bearer challenge. */
@Singleton
public class ProblemFactory {

    public MutableHttpResponse<Problem> forException(HttpRequest<?> request, BrokerException e) {
        ErrorKind kind = e.kind();
        String detail = kind.detailShown() ? e.getMessage() : null;
        Map<String, Object> ext = kind.detailShown() ? e.extensions() : Map.of();
        return respond(new Problem(Problem.TYPE_PREFIX + e.code(), kind.title(), kind.status(), detail,
                request.getPath(), ext));
    }

    public MutableHttpResponse<Problem> forStatus(HttpRequest<?> request, int status, String title, String detail) {
        return respond(new Problem(Problem.TYPE_PREFIX + "http-" + status, title, status, detail,
                request.getPath(), Map.of()));
    }

    private static MutableHttpResponse<Problem> respond(Problem problem) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(problem);
        if (problem.status() == 401) {
            response.header(BearerChallenge.HEADER, BearerChallenge.of(problem.detail()));
        }
        return response;
    }
}
