package dev.credbroker.workload;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code broker.workload.trusted-issuers.<name>.*}: one external issuer (HCP Terraform, a TFE instance,
 * OTF) whose workload tokens the broker accepts. Keys come from {@code jwks-url}, else {@code jwks-file}
 * (a static JWKS), else the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}.
 * Issuers given as {@code BROKER_TRUSTED_ISSUER_<NAME>_*} variables reach these keys through
 * {@link TrustedIssuerEnvironment}. A missing issuer or audience and a refused algorithm are reported by
 * {@link ConfiguredTrustedIssuer}; a {@code jwks-refresh} that is zero or negative stops the start here. Each
 * message names the key, {@code <name>} included.
 *
 * @param name          the key under {@code trusted-issuers}, for messages
 * @param issuer        the exact {@code iss} value; a trailing slash is removed
 * @param jwksUrl       where the keys are fetched, if not from discovery
 * @param jwksFile      a static JWKS, if neither {@code jwks-url} nor discovery
 * @param audiences     accepted {@code aud} values; at least one is required
 * @param algorithms    accepted signature algorithms; {@code none} and HMAC are refused at start-up
 * @param jwksRefresh   how long a fetched JWKS is used before it is fetched again
 */
@EachProperty(TrustedIssuerConfiguration.PREFIX)
public record TrustedIssuerConfiguration(
        @Parameter String name,
        @Nullable String issuer,
        @Nullable URI jwksUrl,
        @Nullable Path jwksFile,
        @Nullable List<String> audiences,
        @Bindable(defaultValue = TrustedIssuerConfiguration.DEFAULT_ALGORITHMS) @Nullable List<String> algorithms,
        @Bindable(defaultValue = TrustedIssuerConfiguration.DEFAULT_JWKS_REFRESH) @Nullable Duration jwksRefresh) {
    public static final String PREFIX = "broker.workload.trusted-issuers";
    static final String DEFAULT_ALGORITHMS = "RS256,ES256";
    /** Ten minutes, in the ISO form so that a directly built configuration parses the same text. */
    static final String DEFAULT_JWKS_REFRESH = "PT10M";

    public TrustedIssuerConfiguration {
        String i = issuer == null ? null : issuer.strip();
        while (i != null && i.endsWith("/")) {
            i = i.substring(0, i.length() - 1);
        }
        issuer = i;
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        algorithms = algorithms == null ? List.of(DEFAULT_ALGORITHMS.split(",")) : List.copyOf(algorithms);
        jwksRefresh = jwksRefresh == null ? Duration.parse(DEFAULT_JWKS_REFRESH) : jwksRefresh;
        if (jwksRefresh.isZero() || jwksRefresh.isNegative()) {
            throw new ConfigurationException(PREFIX + "." + name + ".jwks-refresh must be a positive duration, not "
                    + jwksRefresh);
        }
    }
}
