package dev.credbroker.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the broker reads: the {@code ${NAME:…}} placeholders of its application.yml, and the
 * environment form (upper case, {@code .} and {@code -} as {@code _}) of every configuration property the build
 * recorded in {@code META-INF/spring-configuration-metadata.json}, which is how Micronaut maps a variable it has
 * no placeholder for.
 */
final class BrokerEnvironmentNames {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private final List<Pattern> names = new ArrayList<>();

    BrokerEnvironmentNames() throws IOException {
        try (InputStream yml = getClass().getClassLoader().getResourceAsStream("application.yml")) {
            Matcher m = PLACEHOLDER.matcher(new String(yml.readAllBytes()));
            while (m.find()) {
                names.add(Pattern.compile(Pattern.quote(m.group(1))));
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    names.add(environmentForm(property.path("name").asText()));
                }
            }
        }
    }

    boolean reads(String variable) {
        return names.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** {@code broker.vault.targets.*.address} → {@code BROKER_VAULT_TARGETS_[A-Z0-9_]+_ADDRESS}. */
    private static Pattern environmentForm(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("\\.")) {
            if (!regex.isEmpty()) {
                regex.append('_');
            }
            regex.append(part.equals("*") ? "[A-Z0-9_]+"
                    : Pattern.quote(part.replace('-', '_').toUpperCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString());
    }
}
