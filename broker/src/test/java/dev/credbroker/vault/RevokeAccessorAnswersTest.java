package dev.credbroker.vault;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How the revocation identity reads Vault's answers to {@code auth/token/revoke-accessor}: the two 400s Vault gives for a
 * token that is already gone (token_store.go: "invalid accessor", and "token not found" while a dying
 * token's accessor record lingers) count as done; anything else is not confirmed and is retried.
 */
class RevokeAccessorAnswersTest {
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final HttpServer vault;
    private final VaultGateway.BrokerRevoker revoker;

    RevokeAccessorAnswersTest() throws IOException {
        vault = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        vault.createContext("/v1/auth/token/revoke-accessor", ex -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        vault.start();
        VaultTarget target = new VaultTarget("stub");
        target.setAddress(address().toString());
        target.setRevocationToken("reaper-token-for-test");
        VaultHttpClient http = new VaultHttpClient(JsonMapper.createDefault());
        revoker = new HttpVaultGateway(http, new VaultTargets(List.of(target)), new RevocationIdentity(http, Clock.systemUTC()),
                Clock.systemUTC()).brokerRevoker("run-test");
    }

    private URI address() {
        return URI.create("http://127.0.0.1:" + vault.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        vault.stop(0);
    }

    @Test
    void anAccessorVaultNoLongerKnowsCountsAsRevoked() {
        answer.set("{\"errors\":[\"invalid accessor\"]}");
        assertDoesNotThrow(() -> revoker.revokeAccessor(address(), Optional.empty(), "acc-1"));
    }

    @Test
    void aTokenGoneWhileItsAccessorLingersCountsAsRevoked() {
        answer.set("{\"errors\":[\"token not found\"]}");
        assertDoesNotThrow(() -> revoker.revokeAccessor(address(), Optional.empty(), "acc-2"));
    }

    @Test
    void anyOtherRefusalIsNotAConfirmation() {
        answer.set("{\"errors\":[\"missing accessor\"]}");
        assertThrows(VaultUnavailableException.class, () -> revoker.revokeAccessor(address(), Optional.empty(), "acc-3"));
    }
}
