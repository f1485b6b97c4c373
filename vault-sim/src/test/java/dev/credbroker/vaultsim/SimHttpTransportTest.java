package dev.credbroker.vaultsim;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sim's HTTP transport behaves like Vault's (Go net/http sets TCP_NODELAY on every accepted connection):
 * checked on the server's own sockets rather than by timing requests. Reading them needs
 * {@code --add-opens jdk.httpserver/sun.net.httpserver}, which the module's surefire configuration passes.
 */
class SimHttpTransportTest {
    private final VaultSim sim = VaultSim.start();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void acceptedConnectionsHaveNagleOff() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(sim.address() + "/v1/sys/health")).GET().build();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        List<SocketChannel> accepted = acceptedChannels();
        assertFalse(accepted.isEmpty(), "the keep-alive connection is still open on the server");
        for (SocketChannel channel : accepted) {
            assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY), "TCP_NODELAY on " + channel);
        }
    }

    /** VaultSim.server → sun.net.httpserver.HttpServerImpl.server (ServerImpl) → allConnections → chan. */
    private List<SocketChannel> acceptedChannels() throws ReflectiveOperationException {
        HttpServer server = (HttpServer) read(sim, VaultSim.class, "server");
        Object impl = read(server, server.getClass(), "server");
        Set<?> connections = (Set<?>) read(impl, impl.getClass(), "allConnections");
        List<SocketChannel> channels = new ArrayList<>();
        synchronized (connections) {
            for (Object connection : connections) {
                channels.add((SocketChannel) read(connection, connection.getClass(), "chan"));
            }
        }
        return channels;
    }

    private static Object read(Object target, Class<?> type, String field) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(field);
        f.setAccessible(true);
        return f.get(target);
    }
}
