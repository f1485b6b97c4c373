package dev.credbroker.vault;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local HTTP endpoint standing in for Vault at the wire: it records every request exactly as it arrived and
 * answers with what the test queued, so a test can assert the request the broker sent rather than what a
 * simulator made of it.
 */
final class RecordingVault implements AutoCloseable {

    /** One request as received: header names lower-cased, each header's first value. */
    record Received(String method, String path, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    RecordingVault() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                        body));
                answer = answers.isEmpty() ? new Answer(204, "") : answers.poll();
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request is answered with this status and JSON body; unqueued requests get 204. */
    synchronized RecordingVault answer(int status, String json) {
        answers.add(new Answer(status, json));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The one request received so far. */
    synchronized Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request to Vault, got " + received.size() + ": " + received);
        }
        return received.get(0);
    }

    synchronized void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
