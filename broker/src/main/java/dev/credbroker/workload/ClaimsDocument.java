package dev.credbroker.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.nimbusds.jwt.JWTClaimsSet;

import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads a JWT's claims and, when that fails, says why: not JSON, not an object, a member named twice, or a
 * registered claim of the wrong type. Nimbus reports all of these as one "invalid JSON object", which tells an
 * issuer's operator nothing. Messages name members, never quote their values.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-7.2">RFC 7519 §7.2 (duplicate names must be refused)</a>
 */
final class ClaimsDocument {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> STRING_CLAIMS = List.of("iss", "sub", "jti");
    private static final List<String> NUMERIC_DATE_CLAIMS = List.of("exp", "nbf", "iat");

    private ClaimsDocument() {
    }

    /** @throws InvalidWorkloadTokenException naming what is wrong with the claims */
    static JWTClaimsSet parse(String payload) {
        String problem = structureProblem(payload);
        if (problem != null) {
            throw new InvalidWorkloadTokenException(problem);
        }
        Map<String, Object> json;
        try {
            json = com.nimbusds.jose.util.JSONObjectUtils.parse(payload);
        } catch (ParseException e) {
            throw new InvalidWorkloadTokenException("the token's claims could not be read as a JSON object");
        }
        for (String name : STRING_CLAIMS) {
            if (json.containsKey(name) && !(json.get(name) instanceof String)) {
                throw new InvalidWorkloadTokenException("claim " + name + " must be a string, not " + kind(json.get(name)));
            }
        }
        for (String name : NUMERIC_DATE_CLAIMS) {
            if (json.containsKey(name) && !(json.get(name) instanceof Number)) {
                throw new InvalidWorkloadTokenException("claim " + name
                        + " must be a number (seconds since the epoch), not " + kind(json.get(name)));
            }
        }
        Object aud = json.get("aud");
        if (aud != null && !(aud instanceof String)
                && !(aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw new InvalidWorkloadTokenException("claim aud must be a string or an array of strings, not " + kind(aud));
        }
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new InvalidWorkloadTokenException("the token's registered claims have the wrong types");
        }
    }

    /** The first structural fault of the document, or null. */
    private static String structureProblem(String payload) {
        try (JsonParser p = STRICT.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "the token's claims are not a JSON object";
            }
            while (p.nextToken() != null) {
                // reading to the end is the check: a repeated name throws
            }
            return null;
        } catch (JsonParseException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return "the token's claims name a member more than once";
            }
            return "the token's claims are not valid JSON";
        } catch (IOException e) {
            return "the token's claims are not valid JSON";
        }
    }

    /** A JSON value's kind, for messages: never the value itself. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
