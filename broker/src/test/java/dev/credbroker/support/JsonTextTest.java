package dev.credbroker.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonTextTest {
    private final ObjectMapper json = new ObjectMapper();

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.append(out, value);
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and \\ backslash", "tab\tcr\rlf\n", "bell\u0007", "emoji \uD83D\uDE00",
            "sep\u2028para\u2029", ""})
    void anyTextShouldRoundTripThroughAJsonParser(String value) throws Exception {
        String literal = quoted(value);
        assertEquals(value, json.readValue(literal, String.class));
        assertFalse(literal.contains("\n") || literal.contains("\u2028"), "one line: " + literal);
    }

    @Test
    void aLoneSurrogateShouldBeEscapedNotWrittenAsIs() {
        assertEquals("\"a\\ud83db\"", quoted("a\uD83Db"));
        assertEquals("\"\\ude00\"", quoted("\uDE00"));
    }

    @Test
    void nullShouldBeJsonNull() {
        assertEquals("null", quoted(null));
    }
}
