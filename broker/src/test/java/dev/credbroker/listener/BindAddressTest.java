package dev.credbroker.listener;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code BROKER_BIND_ADDRESS}: the listener accepts connections on that address only. 127.0.0.2 is another
 * local address on Linux (all of 127/8 is the loopback interface), so it stands in for "another interface";
 * the unbound broker answering there shows the refusal is the bind address's doing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BindAddressTest {
    private Path dir;

    @BeforeAll
    void dir() throws IOException {
        dir = Files.createTempDirectory("credbroker-bind");
    }

    private static void connect(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 5_000);
        }
    }

    @Test
    void boundTo127001TheListenerIsNotReachableOnAnotherLocalAddress() throws Exception {
        try (TlsBroker broker = TlsBroker.start(dir, Map.of("broker.bind-address", "127.0.0.1"))) {
            assertEquals("127.0.0.1", broker.server.getHost(), "the bound address the server reports");
            connect("127.0.0.1", broker.port);
            assertThrows(ConnectException.class, () -> connect("127.0.0.2", broker.port));
        }
    }

    @Test
    void unsetTheListenerIsOnEveryInterfaceAsBefore() throws Exception {
        try (TlsBroker broker = TlsBroker.start(dir, Map.of())) {
            connect("127.0.0.1", broker.port);
            connect("127.0.0.2", broker.port);
        }
    }
}
