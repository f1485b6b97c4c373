package dev.credbroker.listener;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.netty.NettyTlsUtils;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.ssl.ServerSslBuilder;
import io.micronaut.http.ssl.ServerSslConfiguration;
import io.micronaut.http.ssl.SslBuilder;
import io.micronaut.http.ssl.SslConfiguration;
import io.micronaut.http.ssl.SslConfigurationException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns {@code broker.tls.*} into Micronaut's server SSL configuration, so the listener on
 * {@code micronaut.server.port} ({@code BROKER_PORT}) speaks TLS only: there is no plain HTTP port beside it.
 * Micronaut's own builder needs {@code micronaut.server.ssl.enabled} and a trust store key that may exist only
 * with a client CA, which a YAML placeholder can't express; this bean is present exactly when any
 * {@code broker.tls.*} key is, and checks the whole set before the server binds. PEM parsing and the Netty
 * context setup (protocols, client authentication) are Micronaut's.
 */
public class PemServerSslBuilder implements ServerSslBuilder {
    /** TLS 1.0 and 1.1 are deprecated (RFC 8996); the JDK offers both on request, so name what is allowed. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final ServerSslConfiguration ssl;
    private final HttpVersion httpVersion;
    private final Stores stores;

    public PemServerSslBuilder(ResourceResolver resources, HttpServerConfiguration server, ListenerTlsConfiguration tls) {
        tls.check();
        this.ssl = serverSsl(tls, server.getPort().orElse(HttpServerConfiguration.DEFAULT_PORT));
        this.httpVersion = server.getHttpVersion();
        this.stores = new Stores(resources);
    }

    private static ServerSslConfiguration serverSsl(ListenerTlsConfiguration tls, int port) {
        ServerSslConfiguration ssl = new ServerSslConfiguration();
        ssl.setEnabled(true);
        ssl.setPort(port);
        ssl.setProtocols(PROTOCOLS.clone());
        SslConfiguration.KeyStoreConfiguration key = new SslConfiguration.KeyStoreConfiguration();
        key.setCertificatePath(resource(tls.certFile()));
        key.setKeyPath(resource(tls.keyFile()));
        ssl.setKeyStore(key);
        tls.clientCa().ifPresent(ca -> {
            // a PEM bundle: Micronaut tries it as a key store first, then reads every certificate in it
            SslConfiguration.TrustStoreConfiguration trust = new SslConfiguration.TrustStoreConfiguration();
            trust.setPath(resource(ca));
            ssl.setTrustStore(trust);
            ssl.setClientAuthentication(tls.clientAuth().micronaut());
        });
        return ssl;
    }

    /** Micronaut reads these paths through its resource resolver, which takes a bare path for the classpath. */
    private static String resource(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    @Override
    public ServerSslConfiguration getSslConfiguration() {
        return ssl;
    }

    /** Read the files again on each call: the server calls it once, when it binds. */
    @Override
    public Optional<SslContext> build() {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(stores.keys(ssl)).trustManager(stores.trust(ssl));
            NettyTlsUtils.setupServerBuilder(builder, ssl, httpVersion);
            return Optional.of(builder.build());
        } catch (SSLException e) {
            throw new SslConfigurationException("the broker's TLS context could not be built", e);
        }
    }

    /**
     * Micronaut's PEM and key store loading, borrowed rather than extended: its server-side base class also
     * builds HTTP/3 contexts and so needs Netty's QUIC classes, which the broker does not ship.
     */
    private static final class Stores extends SslBuilder<SslContext> {
        Stores(ResourceResolver resources) {
            super(resources);
        }

        javax.net.ssl.KeyManagerFactory keys(SslConfiguration ssl) {
            try {
                return NettyTlsUtils.storeToFactory(ssl, getKeyStore(ssl).orElseThrow());
            } catch (SslConfigurationException e) {
                throw e;
            } catch (Exception e) {
                throw new SslConfigurationException(e);
            }
        }

        javax.net.ssl.TrustManagerFactory trust(SslConfiguration ssl) {
            return getTrustManagerFactory(ssl);
        }

        @Override
        public Optional<SslContext> build(SslConfiguration ssl) {
            throw new UnsupportedOperationException("only loads stores");
        }

        @Override
        public Optional<SslContext> build(SslConfiguration ssl, HttpVersion httpVersion) {
            throw new UnsupportedOperationException("only loads stores");
        }
    }
}
