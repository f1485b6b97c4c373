package dev.credbroker.variables;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Vault configuration of a workspace ({@code TFC_VAULT_*[_TAG]}), resolved for one run phase.
 * Holds no secret. Its address is syntactically valid; whether the broker may talk to it is decided in
 * {@code vault/} against the configured targets.
 *
 * @param tag           the configuration's tag, {@code ""} for the default configuration
 * @param role          the JWT auth role for this phase (PLAN/APPLY, falling back to RUN)
 * @param authPath      mount of the JWT auth method, without {@code auth/}; default {@code jwt}
 * @param audience      {@code TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE}; default {@code vault.workload.identity}
 * @param encodedCaCert {@code TFC_VAULT_ENCODED_CACERT}: base64 of a PEM CA bundle
 * @param clientTimeout {@code TFC_VAULT_CLIENT_TIMEOUT}; default 60 s
 */
public record VaultConfig(String tag, URI address, Optional<String> namespace, String authPath, String role,
                          String audience, Optional<String> encodedCaCert, Duration clientTimeout) {
    public static final String DEFAULT_AUTH_PATH = "jwt";
    public static final String DEFAULT_AUDIENCE = "vault.workload.identity";
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(60);

    public VaultConfig {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authPath, "authPath");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clientTimeout, "clientTimeout");
        namespace = namespace == null ? Optional.empty() : namespace;
        encodedCaCert = encodedCaCert == null ? Optional.empty() : encodedCaCert;
    }
}
