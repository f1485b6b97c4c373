package dev.credbroker.vaultsim.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}s")
    @CsvSource({"3600,3600", "1h,3600", "30m,1800", "90s,90", "1h30m,5400", "1.5h,5400", "2d,172800", "0,0",
            "'',0"})
    void parseShouldAcceptSecondsAndGoDurations(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }

    @Test
    void parseShouldTakeJsonNumbersAsSeconds() {
        assertEquals(Duration.ofSeconds(600), Durations.parse(600));
        assertEquals(Duration.ofMillis(1500), Durations.parse(1.5));
    }

    @ParameterizedTest
    @CsvSource({"1x", "h", "-5m", "1h 30m", "abc"})
    void parseShouldRejectWhatGoRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("time: invalid duration \"" + text + "\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0}s formats as {1}")
    @CsvSource({"3600,1h0m0s", "1800,30m0s", "90,1m30s", "5,5s", "0,0s", "2764800,768h0m0s"})
    void formatShouldMatchGoDurationString(long seconds, String expected) {
        assertEquals(expected, Durations.format(Duration.ofSeconds(seconds)));
    }
}
