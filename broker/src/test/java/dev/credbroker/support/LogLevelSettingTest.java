package dev.credbroker.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code BROKER_LOG_LEVEL} (README, Configuration) sets the root level of the broker's logback.xml, INFO when unset.
 * Each case configures a logger context of its own, so the suite's logging is left alone.
 */
class LogLevelSettingTest {

    @Test
    void rootLevelIsBrokerLogLevelOrInfo() throws Exception {
        assertEquals(Level.INFO, rootLevelWith(null));
        assertEquals(Level.WARN, rootLevelWith("warn"));
        assertEquals(Level.DEBUG, rootLevelWith("DEBUG"));
    }

    private static Level rootLevelWith(String brokerLogLevel) throws Exception {
        URL config = LogLevelSettingTest.class.getClassLoader().getResource("logback.xml");
        LoggerContext context = new LoggerContext();
        try {
            if (brokerLogLevel != null) {
                // logback looks the variable up in the context first, then system properties, then the environment
                context.putProperty("BROKER_LOG_LEVEL", brokerLogLevel);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            return context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
        } finally {
            context.stop();
        }
    }
}
