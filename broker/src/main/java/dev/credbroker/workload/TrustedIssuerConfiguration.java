package dev.credbroker.workload;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code broker.workload.trusted-issuers.<name>.*}: one external issuer (HCP Terraform, a TFE instance,
 * OTF) whose workload tokens the broker accepts. Keys come from {@code jwks-url}, else {@code jwks-file}
 * (a static JWKS), else the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}.
 */
@EachProperty(TrustedIssuerConfiguration.PREFIX)
public class TrustedIssuerConfiguration {
    public static final String PREFIX = "broker.workload.trusted-issuers";
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256");
    public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(10);

    private final String name;
    private String issuer;
    private URI jwksUrl;
    private Path jwksFile;
    private List<String> audiences = List.of();
    private List<String> algorithms = DEFAULT_ALGORITHMS;
    private Duration jwksRefresh = DEFAULT_JWKS_REFRESH;

    public TrustedIssuerConfiguration(@Parameter String name) {
        this.name = name;
    }

    /** The key under {@code trusted-issuers}, for messages. */
    public String getName() {
        return name;
    }

    /** The exact {@code iss} value; a trailing slash is removed. */
    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        String i = issuer == null ? null : issuer.strip();
        while (i != null && i.endsWith("/")) {
            i = i.substring(0, i.length() - 1);
        }
        this.issuer = i;
    }

    public Optional<URI> getJwksUrl() {
        return Optional.ofNullable(jwksUrl);
    }

    public void setJwksUrl(URI jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    public Optional<Path> getJwksFile() {
        return Optional.ofNullable(jwksFile);
    }

    public void setJwksFile(Path jwksFile) {
        this.jwksFile = jwksFile;
    }

    /** Accepted {@code aud} values; at least one is required. */
    public List<String> getAudiences() {
        return audiences;
    }

    public void setAudiences(List<String> audiences) {
        this.audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** Accepted signature algorithms; {@code none} and HMAC are refused at start-up. */
    public List<String> getAlgorithms() {
        return algorithms;
    }

    public void setAlgorithms(List<String> algorithms) {
        this.algorithms = algorithms == null ? DEFAULT_ALGORITHMS : List.copyOf(algorithms);
    }

    /** How long a fetched JWKS is used before it is fetched again. */
    public Duration getJwksRefresh() {
        return jwksRefresh;
    }

    public void setJwksRefresh(Duration jwksRefresh) {
        this.jwksRefresh = jwksRefresh;
    }
}
