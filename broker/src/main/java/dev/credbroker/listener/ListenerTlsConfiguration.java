package dev.credbroker.listener;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code broker.tls.*} (environment: {@code BROKER_TLS_CERT_FILE}, {@code BROKER_TLS_KEY_FILE},
 * {@code BROKER_TLS_CLIENT_CA_FILE}, {@code BROKER_TLS_CLIENT_AUTH}): TLS for the broker's own listener.
 * Files are PEM: the certificate chain (leaf first), the unencrypted private key (PKCS#8 or PKCS#1) and the CA
 * bundle that signs runners' client certificates.
 * {@link #check()} refuses half a configuration at startup: a broker that silently fell back to plain HTTP
 * because the key path was mistyped would hand credentials out in clear.
 *
 * @param clientAuth what the listener asks of a runner once a client CA is set; {@code need} unless set
 */
@ConfigurationProperties(ListenerTlsConfiguration.PREFIX)
public record ListenerTlsConfiguration(@Nullable Path certFile, @Nullable Path keyFile, @Nullable Path clientCaFile,
                                       @Bindable(defaultValue = "NEED") @Nullable ClientAuthMode clientAuth) {
    public static final String PREFIX = "broker.tls";

    public ListenerTlsConfiguration {
        clientAuth = clientAuth == null ? ClientAuthMode.NEED : clientAuth;
    }

    public Optional<Path> clientCa() {
        return Optional.ofNullable(clientCaFile);
    }

    /** Every file named exists and is readable, and nothing is given without what it depends on. */
    public void check() {
        if (certFile == null || keyFile == null) {
            throw new ConfigurationException(PREFIX + ".cert-file and " + PREFIX + ".key-file (BROKER_TLS_CERT_FILE, "
                    + "BROKER_TLS_KEY_FILE) go together; " + (certFile == null ? "cert-file" : "key-file") + " is missing");
        }
        readable("cert-file", certFile);
        readable("key-file", keyFile);
        if (clientCaFile != null) {
            readable("client-ca-file", clientCaFile);
        }
    }

    private static void readable(String key, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(PREFIX + "." + key + " " + file + " is not a readable file");
        }
    }
}
