package dev.credbroker.workload;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trusted issuer from configuration. Its JWKS (public keys only) is cached for {@code jwks-refresh} and
 * re-read at most every {@link #MIN_REFRESH_INTERVAL} when a token names an unknown {@code kid}; when a
 * fetch fails the last good set keeps being used. Only configured URLs are ever fetched; redirects are
 * not followed.
 */
public class ConfiguredTrustedIssuer implements RefreshableTrustedIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredTrustedIssuer.class);
    /** The least time between two fetches forced by unknown kids, so forged kids cannot flood the issuer. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<JWSAlgorithm> ASYMMETRIC = NimbusWorkloadTokenVerifier.ASYMMETRIC;

    private final TrustedIssuerConfiguration config;
    private final Set<String> audiences;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final HttpClient http;
    private JWKSet cached;
    private Instant fetchedAt = Instant.MIN;
    private Optional<URI> discoveredJwksUri = Optional.empty();
    private volatile String lastFailure;

    public ConfiguredTrustedIssuer(TrustedIssuerConfiguration config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        String where = TrustedIssuerConfiguration.PREFIX + "." + config.name();
        if (config.issuer() == null || config.issuer().isBlank()) {
            throw new ConfigurationException(where + ".issuer is required");
        }
        if (config.audiences().isEmpty()) {
            throw new ConfigurationException(where + ".audiences must name at least one audience");
        }
        this.audiences = new LinkedHashSet<>(config.audiences());
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        for (String name : config.algorithms()) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name.strip());
            if (!ASYMMETRIC.contains(alg)) {
                throw new ConfigurationException(where + ".algorithms: " + name
                        + " is not accepted (only RS*, PS* and ES* algorithms; never none or HMAC)");
            }
            algs.add(alg);
        }
        this.algorithms = Set.copyOf(algs);
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String issuer() {
        return config.issuer();
    }

    @Override
    public synchronized JWKSet keys() {
        Instant now = clock.instant();
        if (cached == null || !fetchedAt.plus(config.jwksRefresh()).isAfter(now)) {
            load(now);
        }
        return cached;
    }

    @Override
    public synchronized JWKSet refreshKeys() {
        Instant now = clock.instant();
        if (cached == null || !fetchedAt.plus(MIN_REFRESH_INTERVAL).isAfter(now)) {
            load(now);
        }
        return cached;
    }

    @Override
    public Optional<String> lastFetchFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String keySource() {
        if (Optional.ofNullable(config.jwksUrl()).isPresent()) {
            return "jwks-url " + Optional.ofNullable(config.jwksUrl()).get();
        }
        if (Optional.ofNullable(config.jwksFile()).isPresent()) {
            return "jwks-file " + Optional.ofNullable(config.jwksFile()).get();
        }
        return "discovery " + config.issuer() + "/.well-known/openid-configuration";
    }

    @Override
    public Set<String> audiences() {
        return audiences;
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    private void load(Instant now) {
        try {
            JWKSet fresh = fetch().toPublicJWKSet();
            cached = fresh;
            fetchedAt = now;
            lastFailure = null;
            LOG.debug("loaded {} key(s) of trusted issuer {}", fresh.size(), config.name());
        } catch (IOException | ParseException | RuntimeException e) {
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (cached != null) {
                LOG.warn("could not refresh the keys of trusted issuer {} ({}); using the {} cached key(s)",
                        config.name(), e.getMessage(), cached.size());
                fetchedAt = now; // try again after the refresh period, not on every request
                return;
            }
            throw new JwksUnavailableException("the keys of trusted issuer " + config.name()
                    + " could not be loaded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwksUnavailableException("interrupted loading the keys of trusted issuer " + config.name(), e);
        }
    }

    private JWKSet fetch() throws IOException, ParseException, InterruptedException {
        if (Optional.ofNullable(config.jwksUrl()).isPresent()) {
            return JWKSet.parse(get(Optional.ofNullable(config.jwksUrl()).get()));
        }
        if (Optional.ofNullable(config.jwksFile()).isPresent()) {
            return JWKSet.parse(Files.readString(Optional.ofNullable(config.jwksFile()).get(), StandardCharsets.UTF_8));
        }
        if (discoveredJwksUri.isEmpty()) {
            URI discovery = URI.create(config.issuer() + "/.well-known/openid-configuration");
            Map<String, Object> doc = JSONObjectUtils.parse(get(discovery));
            if (!config.issuer().equals(JSONObjectUtils.getString(doc, "issuer"))) {
                throw new IOException("the discovery document names another issuer");
            }
            URI jwksUri = JSONObjectUtils.getURI(doc, "jwks_uri");
            if (jwksUri == null) {
                throw new IOException("the discovery document has no jwks_uri");
            }
            discoveredJwksUri = Optional.of(jwksUri);
        }
        return JWKSet.parse(get(discoveredJwksUri.get()));
    }

    private String get(URI uri) throws IOException, InterruptedException {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("only http(s) URLs are fetched");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            byte[] body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (body.length > MAX_DOCUMENT_BYTES) {
                throw new IOException("GET " + uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @Override
    public String toString() {
        return "ConfiguredTrustedIssuer[" + config.name() + ": " + issuer() + "]";
    }
}
