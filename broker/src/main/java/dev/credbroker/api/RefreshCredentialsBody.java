package dev.credbroker.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /v1/phases/{id}/credentials/aws/refresh} body: which configuration, none for the default one. */
@Serdeable
public record RefreshCredentialsBody(@Nullable String tag) {
}
