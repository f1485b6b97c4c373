package dev.credbroker.api;

import java.util.regex.Pattern;

/**
 * Phase ids as the broker makes them ({@code UUID.randomUUID()}: 36 lower-case characters). Anything else names
 * no phase, so it is answered 404 before the database is asked: no over-long value, NUL byte (PostgreSQL refuses
 * it in text and would pass for an outage) or other junk reaches a query.
 */
final class PhaseIds {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PhaseIds() {
    }

    /** @throws MalformedPhaseIdException when {@code id} cannot be a phase id */
    static String require(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new MalformedPhaseIdException();
        }
        return id;
    }
}
