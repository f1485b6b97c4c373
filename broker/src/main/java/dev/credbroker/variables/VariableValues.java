package dev.credbroker.variables;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and checks single variable values. Every failure is an {@link InvalidVariableException} naming the
 * variable and the rule; no message ever contains the value (values may be secrets, and echoing them back is
 * never needed to fix them). Enumerations of allowed values are fine.
 */
final class VariableValues {
    static final int MAX_SLEEP_SECONDS = 1500;
    /** The largest number of seconds any variable takes (nine digits). */
    static final int MAX_SECONDS = 999_999_999;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    /**
     * {@code arn:<partition>:iam::<12-digit account>:role/<optional path/><name>}, partitions {@code aws},
     * {@code aws-cn}, {@code aws-us-gov}, {@code aws-iso}, {@code aws-iso-b}, … Path and name characters as IAM
     * allows them.
     */
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final int MAX_TEXT = 1024;
    private static final int MAX_CA_BYTES = 256 * 1024;

    private VariableValues() {
    }

    /** A switch is exactly {@code true} (on) or {@code false} (off). */
    static boolean switchValue(ConfigVariables.Value v) {
        return switch (v.value()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidVariableException(v.variable(), "must be true or false");
        };
    }

    static String nonEmpty(ConfigVariables.Value v) {
        if (v.value().isEmpty()) {
            throw new InvalidVariableException(v.variable(), "must not be empty");
        }
        return v.value();
    }

    /** Free text without control characters, e.g. an audience. */
    static String text(ConfigVariables.Value v) {
        String value = nonEmpty(v);
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidVariableException(v.variable(),
                    "must be at most " + MAX_TEXT + " characters without control characters");
        }
        return value;
    }

    static String segment(ConfigVariables.Value v) {
        if (!VaultPathSegments.isSegment(nonEmpty(v))) {
            throw new InvalidVariableException(v.variable(), "must be " + VaultPathSegments.SEGMENT_RULE);
        }
        return v.value();
    }

    static String path(ConfigVariables.Value v) {
        if (!VaultPathSegments.isPath(nonEmpty(v))) {
            throw new InvalidVariableException(v.variable(), "must be " + VaultPathSegments.PATH_RULE);
        }
        return v.value();
    }

    /** A configuration tag, as {@code …_VAULT_CONFIG} names one. */
    static String tag(ConfigVariables.Value v) {
        if (!TAG.matcher(nonEmpty(v)).matches() || v.value().equalsIgnoreCase("TYPE")) {
            throw new InvalidVariableException(v.variable(),
                    "must be the tag of a Vault configuration: 1 to 64 letters, digits and _");
        }
        return v.value();
    }

    /** Whole seconds in {@code [min, max]}. */
    static Duration seconds(ConfigVariables.Value v, int min, int max) {
        String value = nonEmpty(v);
        if (!DIGITS.matcher(value).matches()) {
            throw new InvalidVariableException(v.variable(), "must be whole seconds from " + min + " to " + max);
        }
        int seconds = Integer.parseInt(value);
        if (seconds < min || seconds > max) {
            throw new InvalidVariableException(v.variable(), "must be whole seconds from " + min + " to " + max);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * An absolute {@code http}/{@code https} URI with a host, without userinfo, query or fragment, and with no
     * path beyond {@code /}: Vault's API lives at {@code /v1/} of its address. Normalised to
     * {@code scheme://host[:port]}, the form the configured Vault targets are compared with.
     */
    static URI vaultAddress(ConfigVariables.Value v) {
        String rule = "must be an absolute http or https URL with a host and optional port only "
                + "(no user info, path, query or fragment)";
        String value = nonEmpty(v);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidVariableException(v.variable(), rule);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = (scheme.equals("http") || scheme.equals("https"))
                && !uri.isOpaque()
                && uri.getHost() != null && !uri.getHost().isEmpty()
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                // A registry-based authority (e.g. "a@b@c", "h:port:x") has no host; checked above. Also refuse
                // a port of 0 or an explicit empty port.
                && uri.getPort() != 0
                && !uri.getRawAuthority().endsWith(":");
        if (!ok) {
            throw new InvalidVariableException(v.variable(), rule);
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new InvalidVariableException(v.variable(), rule);
        }
    }

    /**
     * Base64 (whitespace such as line wrapping ignored) of a PEM bundle with at least one X.509 certificate,
     * all of which parse. Returns the value as given.
     */
    static String encodedCaCert(ConfigVariables.Value v) {
        String rule = "must be base64 of a PEM bundle of X.509 certificates (-----BEGIN CERTIFICATE-----)";
        String value = nonEmpty(v);
        byte[] pem;
        try {
            pem = Base64.getDecoder().decode(value.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidVariableException(v.variable(), rule);
        }
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (pem.length > MAX_CA_BYTES || !text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidVariableException(v.variable(), rule);
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new InvalidVariableException(v.variable(), rule);
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof InvalidVariableException invalid) {
                throw invalid;
            }
            throw new InvalidVariableException(v.variable(), rule);
        }
        return value;
    }

    /** An IAM role ARN. */
    static String roleArn(ConfigVariables.Value v) {
        if (v.value().length() > 2048 || !ROLE_ARN.matcher(nonEmpty(v)).matches()) {
            throw new InvalidVariableException(v.variable(),
                    "must be an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<name>");
        }
        return v.value();
    }

    /** One of the listed values, exactly. */
    static InvalidVariableException notOneOf(ConfigVariables.Value v, Iterable<String> allowed) {
        return new InvalidVariableException(v.variable(), "must be one of " + String.join(", ", allowed));
    }
}
