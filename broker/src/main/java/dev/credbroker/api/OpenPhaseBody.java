package dev.credbroker.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** {@code POST /v1/phases} body: the workspace's variables, HCP's names and values. */
@Serdeable
public record OpenPhaseBody(@Nullable Map<String, String> variables) {
    @Override
    public String toString() {
        return "OpenPhaseBody[" + (variables == null ? 0 : variables.size()) + " variables]";
    }
}
