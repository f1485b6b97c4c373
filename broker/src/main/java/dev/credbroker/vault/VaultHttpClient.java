package dev.credbroker.vault;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vault's HTTP API on {@code java.net.http}. The Vault Java Driver cannot add a request header, and the
 * broker must send {@code X-Credbroker-Run-Id} (an audited header) so Vault's own audit log names the run;
 * it also flattens response data to strings. One HTTP client per CA bundle, since
 * {@code TFC_VAULT_ENCODED_CACERT} can differ per configuration.
 */
@Singleton
public class VaultHttpClient {
    public static final String RUN_ID_HEADER = "X-Credbroker-Run-Id";
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    /** Vault's answer: status and parsed body (empty for 204). The body holds tokens and credentials. */
    public record Answer(int status, Map<String, Object> body) {
        @Override
        public String toString() {
            return "Answer[status=" + status + ", body=<" + body.size() + " redacted members>]";
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> section(String name) {
            Object value = body.get(name);
            return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        public String errors() {
            Object errors = body.get("errors");
            return errors instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : "";
        }
    }

    private final JsonMapper json;
    /** Workspaces choose CA bundles: keep the clients of the most recently used few, not one per bundle forever. */
    private static final int MAX_CLIENTS = 16;
    private final Map<String, HttpClient> clients = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(MAX_CLIENTS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
                    return size() > MAX_CLIENTS;
                }
            });

    public VaultHttpClient(JsonMapper json) {
        this.json = json;
    }

    /**
     * @throws VaultUnavailableException when Vault cannot be reached or answers 5xx; the message names the
     *                                   address and path only
     */
    public Answer send(String method, URI address, String path, Optional<String> namespace, String token,
                       Map<String, ?> body, String runId, Duration timeout, Optional<String> encodedCaCert) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                    .timeout(timeout)
                    .header("X-Vault-Request", "true")
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (token != null) {
                request.header("X-Vault-Token", token);
            }
            namespace.ifPresent(ns -> request.header("X-Vault-Namespace", ns));
            if (runId != null) {
                request.header(RUN_ID_HEADER, runId);
            }
            HttpResponse<byte[]> response = client(encodedCaCert).send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> parsed = response.body().length == 0 ? Map.of() : json.readValue(response.body(), MAP);
            if (response.statusCode() >= 500) {
                throw new VaultUnavailableException("Vault at " + address + " answered " + response.statusCode()
                        + " to " + method + " " + path);
            }
            return new Answer(response.statusCode(), parsed == null ? Map.of() : parsed);
        } catch (IOException e) {
            throw new VaultUnavailableException("Vault at " + address + " is unreachable for " + method + " " + path
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultUnavailableException("interrupted while calling Vault at " + address);
        }
    }

    private HttpClient client(Optional<String> encodedCaCert) {
        return clients.computeIfAbsent(encodedCaCert.orElse(""), ca -> {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (!ca.isEmpty()) {
                builder.sslContext(trusting(ca));
            }
            return builder.build();
        });
    }

    private static SSLContext trusting(String encodedCaCert) {
        try {
            byte[] pem = Base64.getMimeDecoder().decode(encodedCaCert);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new VaultUnavailableException("TFC_VAULT_ENCODED_CACERT could not be used as a trust store");
        }
    }
}
