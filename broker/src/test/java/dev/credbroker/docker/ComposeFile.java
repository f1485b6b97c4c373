package dev.credbroker.docker;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker/compose.yaml, parsed: its services' environment, ports, volumes and secrets in Compose's short forms. */
final class ComposeFile {
    static final Path DOCKER = findDockerDir();
    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile load() {
        return new ComposeFile(new Yaml().load(read(DOCKER.resolve("compose.yaml"))));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(root.get("services")).forEach((name, body) -> services.put(name, map(body)));
        return services;
    }

    Map<String, Object> service(String name) {
        return map(map(root.get("services")).get(name));
    }

    /** Top-level {@code volumes:} (named volumes) or {@code secrets:}. */
    Map<String, Object> topLevel(String key) {
        return map(root.get(key));
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        return env;
    }

    static List<String> list(Map<String, Object> service, String key) {
        Object value = service.get(key);
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    /** A {@code source:target[:mode]} volume entry. */
    record Mount(String source, String target) {
        static Mount parse(String entry) {
            String[] parts = entry.split(":");
            return new Mount(parts[0], parts[1]);
        }

        boolean named() {
            return !source.startsWith(".") && !source.startsWith("/");
        }
    }

    static List<Mount> mounts(Map<String, Object> service) {
        return list(service, "volumes").stream().map(Mount::parse).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static Path findDockerDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
                return dir.resolve("docker");
            }
        }
        throw new IllegalStateException("no docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }
}
