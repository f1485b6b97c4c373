package dev.credbroker.issuer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code broker.issuer.*}: the broker's own OIDC issuer. A bad value (a URL without a scheme, a lifetime that is
 * zero or negative, an algorithm other than RS256 or ES256, no audience) stops the broker at startup, naming the
 * key. {@link #toString()} never shows the orchestrator credential.
 * <p>
 * {@code application.yml} sets {@code url} from {@code BROKER_PORT} so that a moved port moves the issuer with it;
 * {@link #DEFAULT_URL} is what a context without that file (a test, an embedder) gets.
 *
 * @param enabled               {@code false} switches the whole issuer (keys, endpoints, minting, self-trust) off
 * @param url                   the {@code iss} value and base of the discovery URLs: scheme and host, never a
 *                              trailing slash
 * @param keyDir                where the PEM key files, the key ring metadata and a generated orchestrator
 *                              credential live
 * @param algorithm             the algorithm new keys are generated for (RS256 or ES256, any case); held as text
 *                              because a name Micronaut cannot convert to {@link SigningAlgorithm} would otherwise
 *                              fall back to the default without a word, see {@link #signingAlgorithm()}
 * @param maxTtl                the longest lifetime a minted token may have; also how long a retired key stays
 *                              published
 * @param defaultTtl            the lifetime of a minted token when the request names none; capped at
 *                              {@link #maxTtl()}
 * @param rotationPeriod        how long a key signs before the scheduled rotation replaces it
 * @param rotationEnabled       whether the scheduled rotation runs; {@code rotate-keys} and {@link KeyRing#rotate()}
 *                              always work
 * @param orchestratorToken     the shared bearer secret the orchestrator mints tokens with, when configured inline;
 *                              blank counts as unset
 * @param orchestratorTokenFile a file holding the orchestrator credential (first line), when not configured inline
 * @param audiences             the {@code aud} values the broker accepts on tokens it minted itself (see
 *                              {@link BrokerTrustedIssuer})
 */
@ConfigurationProperties(IssuerConfiguration.PREFIX)
public record IssuerConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_URL) @Nullable String url,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_KEY_DIR)
        @NotNull(message = IssuerConfiguration.PREFIX + ".key-dir must name a directory")
        Path keyDir,
        @Bindable(defaultValue = "RS256")
        @NotNull(message = IssuerConfiguration.PREFIX + ".algorithm must be RS256 or ES256")
        String algorithm,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_MAX_TTL)
        @NotNull(message = IssuerConfiguration.PREFIX + ".max-ttl must be a duration such as 2h")
        Duration maxTtl,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_TTL)
        @NotNull(message = IssuerConfiguration.PREFIX + ".default-ttl must be a duration such as 1h")
        Duration defaultTtl,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_ROTATION_PERIOD)
        @NotNull(message = IssuerConfiguration.PREFIX + ".rotation-period must be a duration such as 30d")
        Duration rotationPeriod,
        @Bindable(defaultValue = "true") boolean rotationEnabled,
        @Nullable String orchestratorToken,
        @Nullable Path orchestratorTokenFile,
        @Bindable(defaultValue = IssuerConfiguration.DEFAULT_AUDIENCE)
        @NotEmpty(message = IssuerConfiguration.PREFIX + ".audiences must not be empty")
        List<String> audiences) {
    public static final String PREFIX = "broker.issuer";
    /** Property switching the whole issuer (keys, endpoints, minting, self-trust) off. */
    public static final String ENABLED = PREFIX + ".enabled";
    public static final String DEFAULT_URL = "http://localhost:8080";
    /** Also the default of {@code export-pem --key-dir}, which runs without an application context. */
    public static final String DEFAULT_KEY_DIR = "./data/issuer-keys";
    public static final String DEFAULT_MAX_TTL = "2h";
    public static final String DEFAULT_TTL = "1h";
    public static final String DEFAULT_ROTATION_PERIOD = "30d";
    public static final String DEFAULT_AUDIENCE = "vault.workload.identity";
    /** The file in the key directory holding a generated orchestrator credential. */
    public static final String GENERATED_ORCHESTRATOR_TOKEN_FILE = "orchestrator-token";

    public IssuerConfiguration {
        url = normalized(url);
        if (algorithm != null) {
            algorithm = signing(algorithm).name();
        }
        positive("max-ttl", maxTtl);
        positive("default-ttl", defaultTtl);
        positive("rotation-period", rotationPeriod);
        if (defaultTtl != null && maxTtl != null && defaultTtl.compareTo(maxTtl) > 0) {
            defaultTtl = maxTtl;
        }
        orchestratorToken = orchestratorToken == null || orchestratorToken.isBlank() ? null : orchestratorToken;
        audiences = audiences == null ? null : List.copyOf(audiences);
    }

    /** {@link #algorithm()} as the enum; the constructor has refused any other name. */
    public SigningAlgorithm signingAlgorithm() {
        return SigningAlgorithm.valueOf(algorithm);
    }

    private static SigningAlgorithm signing(String name) {
        try {
            return SigningAlgorithm.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PREFIX + ".algorithm must be RS256 or ES256, not " + name);
        }
    }

    private static String normalized(@Nullable String url) {
        String u = url == null ? DEFAULT_URL : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
            throw new ConfigurationException(PREFIX + ".url must start with https:// or http://, not " + u);
        }
        return u;
    }

    // null is left to the @NotNull above, which names the key and the expected form
    private static void positive(String key, @Nullable Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new ConfigurationException(PREFIX + "." + key + " must be a positive duration, not " + value);
        }
    }

    @Override
    public String toString() {
        return "IssuerConfiguration[enabled=" + enabled + ", url=" + url + ", keyDir=" + keyDir + ", algorithm="
                + algorithm + ", maxTtl=" + maxTtl + ", rotationPeriod=" + rotationPeriod + "]";
    }
}
