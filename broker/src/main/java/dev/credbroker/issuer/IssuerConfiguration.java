package dev.credbroker.issuer;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code broker.issuer.*}: the broker's own OIDC issuer. {@link #toString()} never shows the orchestrator
 * credential.
 */
@ConfigurationProperties(IssuerConfiguration.PREFIX)
public class IssuerConfiguration {
    public static final String PREFIX = "broker.issuer";
    /** Property switching the whole issuer (keys, endpoints, minting, self-trust) off. */
    public static final String ENABLED = PREFIX + ".enabled";
    public static final String DEFAULT_URL = "http://localhost:8080";
    public static final String DEFAULT_KEY_DIR = "./data/issuer-keys";
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(2);
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(30);
    public static final String DEFAULT_AUDIENCE = "vault.workload.identity";
    /** The file in the key directory holding a generated orchestrator credential. */
    public static final String GENERATED_ORCHESTRATOR_TOKEN_FILE = "orchestrator-token";

    private boolean enabled = true;
    private String url = DEFAULT_URL;
    private Path keyDir = Path.of(DEFAULT_KEY_DIR);
    private SigningAlgorithm algorithm = SigningAlgorithm.RS256;
    private Duration maxTtl = DEFAULT_MAX_TTL;
    private Duration defaultTtl = DEFAULT_TTL;
    private Duration rotationPeriod = DEFAULT_ROTATION_PERIOD;
    private boolean rotationEnabled = true;
    private String orchestratorToken;
    private Path orchestratorTokenFile;
    private List<String> audiences = List.of(DEFAULT_AUDIENCE);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The {@code iss} value and base of the discovery URLs: scheme and host, never a trailing slash. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        String u = url == null ? DEFAULT_URL : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
            throw new IllegalArgumentException(PREFIX + ".url must start with https:// or http://");
        }
        this.url = u;
    }

    /** Where the PEM key files, the key ring metadata and a generated orchestrator credential live. */
    public Path getKeyDir() {
        return keyDir;
    }

    public void setKeyDir(Path keyDir) {
        this.keyDir = keyDir;
    }

    /** The algorithm new keys are generated for (RS256 or ES256). */
    public SigningAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(SigningAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** The longest lifetime a minted token may have; also how long a retired key stays published. */
    public Duration getMaxTtl() {
        return maxTtl;
    }

    public void setMaxTtl(Duration maxTtl) {
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".max-ttl must be positive");
        }
        this.maxTtl = maxTtl;
    }

    /** The lifetime of a minted token when the request names none; capped at {@link #getMaxTtl()}. */
    public Duration getDefaultTtl() {
        return defaultTtl.compareTo(maxTtl) > 0 ? maxTtl : defaultTtl;
    }

    public void setDefaultTtl(Duration defaultTtl) {
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".default-ttl must be positive");
        }
        this.defaultTtl = defaultTtl;
    }

    /** How long a key signs before the scheduled rotation replaces it. */
    public Duration getRotationPeriod() {
        return rotationPeriod;
    }

    public void setRotationPeriod(Duration rotationPeriod) {
        if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".rotation-period must be positive");
        }
        this.rotationPeriod = rotationPeriod;
    }

    /** Whether the scheduled rotation runs; {@code rotate-keys} and {@link KeyRing#rotate()} always work. */
    public boolean isRotationEnabled() {
        return rotationEnabled;
    }

    public void setRotationEnabled(boolean rotationEnabled) {
        this.rotationEnabled = rotationEnabled;
    }

    /** The shared bearer secret the orchestrator mints tokens with, when configured inline. */
    public Optional<String> getOrchestratorToken() {
        return Optional.ofNullable(orchestratorToken).filter(s -> !s.isBlank());
    }

    public void setOrchestratorToken(String orchestratorToken) {
        this.orchestratorToken = orchestratorToken;
    }

    /** A file holding the orchestrator credential (first line), when not configured inline. */
    public Optional<Path> getOrchestratorTokenFile() {
        return Optional.ofNullable(orchestratorTokenFile);
    }

    public void setOrchestratorTokenFile(Path orchestratorTokenFile) {
        this.orchestratorTokenFile = orchestratorTokenFile;
    }

    /** The {@code aud} values the broker accepts on tokens it minted itself (see {@link BrokerTrustedIssuer}). */
    public List<String> getAudiences() {
        return audiences;
    }

    public void setAudiences(List<String> audiences) {
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".audiences must not be empty");
        }
        this.audiences = List.copyOf(audiences);
    }

    @Override
    public String toString() {
        return "IssuerConfiguration[enabled=" + enabled + ", url=" + url + ", keyDir=" + keyDir + ", algorithm="
                + algorithm + ", maxTtl=" + maxTtl + ", rotationPeriod=" + rotationPeriod + "]";
    }
}
