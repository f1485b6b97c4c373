package dev.credbroker.vault;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultHttpClientTest {

    /** An answer holds client tokens and credentials: printing it, in a log line or a message, must show neither. */
    @Test
    void answerToStringShouldShowNoValueOfItsBody() {
        VaultHttpClient.Answer answer = new VaultHttpClient.Answer(200, Map.of(
                "auth", Map.of("client_token", "hvs.TOPSECRETTOKEN", "accessor", "acc-1"),
                "data", Map.of("secret_key", "AWS-SECRET-VALUE"),
                "errors", List.of()));
        String printed = answer.toString();
        assertFalse(printed.contains("hvs.TOPSECRETTOKEN"), printed);
        assertFalse(printed.contains("AWS-SECRET-VALUE"), printed);
        assertTrue(printed.contains("200"), printed);
    }
}
