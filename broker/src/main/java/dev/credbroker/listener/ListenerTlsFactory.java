package dev.credbroker.listener;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.ssl.ServerSslBuilder;
import jakarta.inject.Singleton;

/**
 * The listener's TLS, present exactly when any {@code broker.tls.*} key is (so a lone key file fails startup
 * instead of leaving the broker on plain HTTP). A factory rather than an annotated class: Micronaut's bean
 * processor walks an annotated class's interface and needs Netty's QUIC classes for it, which the broker does
 * not ship.
 */
@Factory
public class ListenerTlsFactory {
    @Singleton
    @Requires(property = ListenerTlsConfiguration.PREFIX)
    ServerSslBuilder serverSslBuilder(ResourceResolver resources, HttpServerConfiguration server, ListenerTlsConfiguration tls) {
        return new PemServerSslBuilder(resources, server, tls);
    }
}
