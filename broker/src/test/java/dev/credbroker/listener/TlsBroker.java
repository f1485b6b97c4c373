package dev.credbroker.listener;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A broker with no Vault behind it, on a port chosen before it starts so that its issuer URL can name it:
 * enough to show what its listener does.
 */
final class TlsBroker implements AutoCloseable {
    final int port;
    final EmbeddedServer server;

    private TlsBroker(int port, EmbeddedServer server) {
        this.port = port;
        this.server = server;
    }

    static TlsBroker start(Path dir, Map<String, Object> listener) {
        int port = freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("broker.issuer.url", "https://127.0.0.1:" + port);
        props.put("broker.issuer.key-dir", dir.resolve("keys").toString());
        props.put("broker.issuer.rotation-enabled", false);
        props.put("broker.phases.reaper-initial-delay", "1h");
        props.put("micronaut.server.port", port);
        props.putAll(listener);
        return new TlsBroker(port, ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        server.getApplicationContext().close();
    }
}
