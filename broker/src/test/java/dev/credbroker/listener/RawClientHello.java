package dev.credbroker.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A TLS ClientHello written by hand (RFC 5246 §7.4.1.2), so a test can offer the server TLS 1.0 or 1.1: the
 * JDK's own client refuses to, and a refusal on the client's side would prove nothing about the broker.
 * The hello carries what a TLS 1.2 server needs to answer it (ECDHE suites, groups, signature algorithms),
 * which the {@link #TLS_1_2} control shows.
 */
final class RawClientHello {
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;

    enum Answer { SERVER_HELLO, REFUSED }

    private RawClientHello() {
    }

    static Answer send(int port, int version) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hello(version));
            socket.getOutputStream().flush();
            int type;
            try {
                type = socket.getInputStream().read();
            } catch (SocketException reset) {
                return Answer.REFUSED;
            }
            // 0x16 handshake (ServerHello); 0x15 alert (protocol_version); -1 closed
            return type == 0x16 ? Answer.SERVER_HELLO : Answer.REFUSED;
        }
    }

    /** What a plain HTTP request on the port gets back, as text ("" when the server just closes). */
    static String plainHttp(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            try {
                for (int n = in.read(buffer); n > 0 && got.size() < 4096; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // the server dropped the connection: nothing more to read
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] hello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xc02f, 0xc030, 0xc013, 0xc014, 0x009c, 0x002f, 0x0035};
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1);
        body.write(0); // null compression only

        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000a, 0x0006, 0x0017, 0x001d, 0x0018); // supported_groups: P-256, x25519, P-384
        extensions.writeBytes(new byte[] {0x00, 0x0b, 0x00, 0x02, 0x01, 0x00}); // ec_point_formats: uncompressed
        extension(extensions, 0x000d, 0x000c, 0x0804, 0x0401, 0x0403, 0x0805, 0x0501, 0x0201); // signature_algorithms
        extensions.writeBytes(new byte[] {0x00, 0x17, 0x00, 0x00}); // extended_master_secret
        extensions.writeBytes(new byte[] {(byte) 0xff, 0x01, 0x00, 0x01, 0x00}); // renegotiation_info, empty
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(0x01); // client_hello
        u24(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, TLS_1_0); // the record layer version hellos commonly carry
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is a list of 16-bit values preceded by its byte length {@code listLength}. */
    private static void extension(ByteArrayOutputStream out, int type, int listLength, int... values) {
        u16(out, type);
        u16(out, listLength + 2);
        u16(out, listLength);
        for (int value : values) {
            u16(out, value);
        }
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8 & 0xff);
        out.write(value & 0xff);
    }

    private static void u24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16 & 0xff);
        u16(out, value & 0xffff);
    }
}
