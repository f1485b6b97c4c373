package dev.credbroker.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version Maven built, from {@value #RESOURCE} (a filtered resource: {@code version=${project.version}}).
 * Every command's {@code --version} prints it.
 */
public final class BuildVersion implements IVersionProvider {
    static final String RESOURCE = "/dev/credbroker/build.properties";

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} if the resource is missing. */
    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"credbroker " + version()};
    }
}
