package dev.credbroker.cli.phase;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where the broker is and which workload token to present: the options every {@code phase} subcommand shares.
 * The token is read when needed and only ever goes into an {@code Authorization} header.
 */
public class BrokerOptions {
    /** HCP's name for the token a run's agent hooks get when {@code TFC_WORKLOAD_IDENTITY_AUDIENCE} is set. */
    public static final String DEFAULT_TOKEN_ENV = "TFC_WORKLOAD_IDENTITY_TOKEN";

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "the broker's base URL, e.g. https://credbroker.internal:8443")
    URI broker;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the workload identity token (JWT); takes precedence over --token-env")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = DEFAULT_TOKEN_ENV,
            description = "environment variable holding the workload identity token (default: ${DEFAULT-VALUE})")
    String tokenEnv;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "PEM file of the CA(s) that signed an https broker's certificate (a private CA); "
                    + "without it the JDK's trust store decides")
    Path caCert;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long to wait for each answer of the broker (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /**
     * Where to reach the broker again and where the token is, without the token itself: what {@code phase open}
     * leaves in phase.json so that {@code aws-credential-process}, run later by an AWS SDK, can ask for fresh
     * credentials. Paths are made absolute, as the SDK runs it from another directory.
     */
    java.util.Map<String, Object> reachable() {
        java.util.Map<String, Object> where = new java.util.LinkedHashMap<>();
        where.put("broker", brokerUrl().toString());
        where.put("token_file", tokenFile == null ? null : tokenFile.toAbsolutePath().toString());
        where.put("token_env", tokenFile == null ? tokenEnv : null);
        where.put("cacert", caCert == null ? null : caCert.toAbsolutePath().toString());
        where.put("timeout", timeout.toString());
        return where;
    }

    /** The options {@link #reachable()} described; a shape it could not have written is bad input. */
    static BrokerOptions fromReachable(Object described) {
        if (!(described instanceof java.util.Map<?, ?> where) || !(where.get("broker") instanceof String url)) {
            throw PhaseCliException.badInput("--out-dir: " + PhaseDirectory.PHASE_FILE + " names no broker to refresh from");
        }
        BrokerOptions options = new BrokerOptions();
        try {
            options.broker = URI.create(url);
            options.tokenFile = where.get("token_file") instanceof String f ? Path.of(f) : null;
            options.tokenEnv = where.get("token_env") instanceof String e ? e : DEFAULT_TOKEN_ENV;
            options.caCert = where.get("cacert") instanceof String c ? Path.of(c) : null;
            options.timeout = where.get("timeout") instanceof String t ? Duration.parse(t) : Duration.ofSeconds(60);
        } catch (RuntimeException e) {
            throw PhaseCliException.badInput("--out-dir: " + PhaseDirectory.PHASE_FILE + " has an unreadable broker entry");
        }
        return options;
    }

    /** The broker's base URL, checked: http(s), a host, no query, user info or fragment. */
    URI brokerUrl() {
        String scheme = broker.getScheme() == null ? "" : broker.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || broker.getHost() == null
                || broker.getRawUserInfo() != null || broker.getRawQuery() != null || broker.getRawFragment() != null) {
            throw PhaseCliException.badInput("--broker: expected http(s)://host[:port][/path], got '" + broker + "'");
        }
        return broker;
    }

    /**
     * The trust for an https broker: only the certificates in {@code --cacert} when it is given (host names are
     * still checked), {@code null} (the JDK's default trust store) when not.
     */
    SSLContext tls() {
        if (caCert == null) {
            return null;
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caCert)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw PhaseCliException.badInput("--cacert: cannot read " + caCert + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw PhaseCliException.badInput("--cacert: " + caCert + " holds no PEM certificate");
        }
        if (certs.isEmpty()) {
            throw PhaseCliException.badInput("--cacert: " + caCert + " holds no PEM certificate");
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw PhaseCliException.failure("--cacert: cannot build a trust store (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The workload token, from {@code --token-file} or else {@code $VAR}; never echoed in a message. */
    String token() {
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw PhaseCliException.badInput("--token-file: cannot read " + tokenFile + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (token.isEmpty()) {
                throw PhaseCliException.badInput("--token-file: " + tokenFile + " is empty");
            }
        } else {
            String value = System.getenv(tokenEnv);
            token = value == null ? "" : value.strip();
            if (token.isEmpty()) {
                throw PhaseCliException.badInput("no workload token: --token-file not given and $" + tokenEnv
                        + " is not set (see --token-env)");
            }
        }
        // one JWT, compact form: anything with whitespace or control characters would break the header
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw PhaseCliException.badInput("the workload token is not a compact JWT");
        }
        return token;
    }
}
