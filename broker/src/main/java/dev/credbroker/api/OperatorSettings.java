package dev.credbroker.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code broker.operator.*} ({@code BROKER_OPERATOR_TOKEN}, {@code BROKER_OPERATOR_TOKEN_FILE}): the operator's
 * bearer secret that {@link OperatorCredential} checks. Neither has a default: unset means health details are shown
 * to no one. Blank counts as unset.
 *
 * @param token     the secret inline
 * @param tokenFile a file whose first line is the secret, read when {@code token} is unset
 */
@ConfigurationProperties(OperatorSettings.PREFIX)
public record OperatorSettings(@Nullable String token, @Nullable String tokenFile) {
    public static final String PREFIX = "broker.operator";

    public OperatorSettings {
        token = token == null || token.isBlank() ? null : token.strip();
        tokenFile = tokenFile == null || tokenFile.isBlank() ? null : tokenFile;
    }

    /** Neither a token nor a file. */
    public static final OperatorSettings NONE = new OperatorSettings(null, null);
}
