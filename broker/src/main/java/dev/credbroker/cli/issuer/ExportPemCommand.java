package dev.credbroker.cli.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.issuer.IssuerConfiguration;
import dev.credbroker.issuer.IssuerKeyException;
import dev.credbroker.issuer.IssuerPublicKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code credbroker issuer export-pem}: the issuer's published keys as {@code PUBLIC KEY} PEM blocks on stdout, for
 * a Vault that can't reach the broker's JWKS ({@code jwt_validation_pubkeys}). From the key directory (read only,
 * so a running broker's may be used) or from a broker's {@code /.well-known/jwks}. Public keys only: a private
 * member in either source is dropped before anything is written.
 */
@Command(name = "export-pem", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the issuer's public signing keys (active, next, retired) as PEM, one block per key.")
public class ExportPemCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--key-dir", paramLabel = "DIR",
            defaultValue = "${env:BROKER_ISSUER_KEY_DIR:-" + IssuerConfiguration.DEFAULT_KEY_DIR + "}",
            description = "the issuer key directory (default: $BROKER_ISSUER_KEY_DIR, else ${DEFAULT-VALUE})")
    Path keyDir;

    @Option(names = "--jwks-url", paramLabel = "URL",
            description = "read a running broker's JWKS instead, e.g. http://localhost:8080/.well-known/jwks")
    URI jwksUrl;

    @Override
    public Integer call() {
        JWKSet keys;
        try {
            keys = jwksUrl != null ? fetch(jwksUrl) : IssuerPublicKeys.fromKeyDirectory(keyDir);
        } catch (IssuerKeyException e) {
            return fail(ExitCodes.BAD_INPUT, (jwksUrl != null ? "--jwks-url: " : "--key-dir: ")
                    + e.getMessage());
        } catch (Failure e) {
            return fail(e.exitCode, e.getMessage());
        }
        spec.commandLine().getOut().print(IssuerPublicKeys.pem(keys));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private JWKSet fetch(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new Failure(ExitCodes.BAD_INPUT, "--jwks-url: expected http(s)://host[:port]/path");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(ExitCodes.FAILURE, "cannot fetch " + url + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCodes.FAILURE, "interrupted while fetching " + url);
        }
        if (response.statusCode() != 200) {
            throw new Failure(ExitCodes.FAILURE, url + " answered HTTP " + response.statusCode());
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(response.body()).toPublicJWKSet();
        } catch (ParseException e) {
            throw new Failure(ExitCodes.FAILURE, url + " did not answer with a JWKS");
        }
        if (keys.isEmpty()) {
            throw new Failure(ExitCodes.FAILURE, url + " publishes no public key");
        }
        return keys;
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("credbroker: " + message.replaceAll("\\p{Cntrl}+", " "));
        spec.commandLine().getErr().flush();
        return code;
    }

    /** Ends the command with one line and an exit code; messages name URLs and files, never key material. */
    private static final class Failure extends RuntimeException {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
