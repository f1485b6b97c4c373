package dev.credbroker.docker;

import dev.credbroker.docker.ComposeFile.Mount;
import dev.credbroker.phase.PhaseSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docker/ as far as it can be checked without a Docker engine: what compose.yaml publishes, where its secrets and
 * keys live, and that what it tells the broker, the Dockerfile and init-vault.sh agree with the code.
 */
class ComposeFileTest {
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET).*");
    private static final String SECRETS_DIR = "/run/secrets/";
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyPublishedPortListensOnLoopbackOnly() {
        compose.services().forEach((name, service) -> ComposeFile.list(service, "ports").forEach(port ->
                assertTrue(port.startsWith("127.0.0.1:"), name + " publishes " + port + " beyond this host")));
        assertFalse(ComposeFile.list(compose.service("broker"), "ports").isEmpty(), "the walkthrough needs the broker");
    }

    @Test
    void noPasswordOrTokenIsWrittenInTheComposeFile() {
        compose.services().forEach((name, service) -> ComposeFile.environment(service).forEach((key, value) -> {
            if (key.endsWith("_FILE") && SECRET_NAME.matcher(key).matches()) {
                assertTrue(value.startsWith(SECRETS_DIR) || underNamedVolume(service, value),
                        name + ": " + key + " must name a secret or a file on a volume, not " + value);
            } else if (SECRET_NAME.matcher(key).matches()) {
                // only handed through from the operator's shell, never with a default
                assertTrue(value.isEmpty() || value.equals("${" + key + ":-}") || value.equals("${" + key + "}"),
                        name + ": " + key + " has a value in compose.yaml");
            }
        }));
        assertFalse(ComposeFile.read(ComposeFile.DOCKER.resolve("compose.yaml")).contains("VAULT_DEV_ROOT_TOKEN_ID:"),
                "the dev root token comes from its secret");
    }

    @Test
    void secretsComeFromFilesTheRepositoryDoesNotHold() {
        Map<String, Object> secrets = compose.topLevel("secrets");
        assertTrue(secrets.keySet().containsAll(Set.of("db-password", "vault-root-token", "orchestrator-token")),
                secrets.keySet().toString());
        String makeSecrets = ComposeFile.read(ComposeFile.DOCKER.resolve("make-secrets.sh"));
        secrets.forEach((name, body) -> {
            String file = String.valueOf(ComposeFile.map(body).get("file"));
            assertEquals("./secrets/" + name, file, name);
            assertTrue(makeSecrets.contains(" " + name), "make-secrets.sh creates " + name);
        });
        assertTrue(ComposeFile.read(ComposeFile.DOCKER.resolve(".gitignore")).lines().anyMatch("secrets/"::equals),
                "docker/.gitignore keeps ./secrets out of git");
        // every /run/secrets/X a service reads is a secret that service is given
        compose.services().forEach((name, service) -> ComposeFile.environment(service).values().stream()
                .filter(v -> v.startsWith(SECRETS_DIR)).map(v -> v.substring(SECRETS_DIR.length()))
                .forEach(secret -> assertTrue(ComposeFile.list(service, "secrets").contains(secret),
                        name + " reads " + secret + " without being given it")));
        Map<String, String> postgres = ComposeFile.environment(compose.service("postgres"));
        assertEquals(SECRETS_DIR + "db-password", postgres.get("POSTGRES_PASSWORD_FILE"));
        assertEquals(postgres.get("POSTGRES_PASSWORD_FILE"),
                ComposeFile.environment(compose.service("broker")).get("BROKER_DB_PASSWORD_FILE"));
    }

    @Test
    void issuerKeysAndTheReapersCredentialsAreOnNamedVolumes() {
        Map<String, Object> broker = compose.service("broker");
        Map<String, String> env = ComposeFile.environment(broker);
        Set<String> declared = compose.topLevel("volumes").keySet();
        String keyDir = env.get("BROKER_ISSUER_KEY_DIR");
        Mount keys = mountAt(broker, keyDir);
        assertTrue(keys.named() && declared.contains(keys.source()), "issuer keys on a named volume: " + keys);
        for (String file : List.of("BROKER_VAULT_REVOCATION_ROLE_ID_FILE", "BROKER_VAULT_REVOCATION_SECRET_ID_FILE")) {
            Mount creds = mountAt(broker, Path.of(env.get(file)).getParent().toString());
            assertTrue(creds.named() && declared.contains(creds.source()), file + " on a named volume: " + creds);
            assertTrue(ComposeFile.mounts(compose.service("vault-init")).contains(creds),
                    "vault-init writes the reaper's credentials where the broker reads them");
        }
        assertTrue(underNamedVolume(broker, env.get("BROKER_AUDIT_LOG_FILE")), "the audit log survives a recreate");
    }

    @Test
    void everyVariableSetForTheBrokerIsOneTheBrokerReads() throws Exception {
        BrokerEnvironmentNames names = new BrokerEnvironmentNames();
        assertFalse(names.reads("BROKER_NO_SUCH_SETTING"), "the check can fail");
        for (String key : ComposeFile.environment(compose.service("broker")).keySet()) {
            assertTrue(names.reads(key), "the broker reads no " + key);
        }
        Matcher env = Pattern.compile("(?m)^ENV (BROKER_[A-Z0-9_]+)=").matcher(dockerfile());
        while (env.find()) {
            assertTrue(names.reads(env.group(1)), "Dockerfile sets " + env.group(1) + ", which the broker never reads");
        }
    }

    @Test
    void pathsTheStackUsesExistOrAreMadeByTheImage() {
        Map<String, Object> build = ComposeFile.map(compose.service("broker").get("build"));
        Path context = ComposeFile.DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
        assertTrue(Files.isRegularFile(context.resolve(String.valueOf(build.get("dockerfile")))));
        compose.services().forEach((name, service) -> ComposeFile.mounts(service).stream()
                .filter(m -> m.source().startsWith("."))
                .forEach(m -> assertTrue(Files.exists(ComposeFile.DOCKER.resolve(m.source())),
                        name + " mounts " + m.source() + ", which does not exist")));
        // a fresh named volume copies the image's directory, owner included: the image must make it for the broker
        String dockerfile = dockerfile();
        String keyDir = ComposeFile.environment(compose.service("broker")).get("BROKER_ISSUER_KEY_DIR");
        assertTrue(dockerfile.contains("mkdir -p") && dockerfile.contains(keyDir), "Dockerfile creates " + keyDir);
        Matcher jar = Pattern.compile("COPY --from=build /src/(broker/target/[^ ]+\\.jar)").matcher(dockerfile);
        assertTrue(jar.find(), "the Dockerfile copies the broker's jar");
        String version = ComposeFile.read(context.resolve("broker/pom.xml"))
                .replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "$1");
        assertEquals("broker/target/broker-" + version + ".jar", jar.group(1), "the jar Maven builds");
    }

    @Test
    void initVaultGivesPhaseTokensTheBrokersPhaseLimit() {
        String script = ComposeFile.read(ComposeFile.DOCKER.resolve("init-vault.sh"));
        Matcher max = Pattern.compile("PHASE_MAX_SECONDS=(\\d+)").matcher(script);
        assertTrue(max.find());
        assertEquals(PhaseSettings.defaults().maxDuration().toSeconds(), Long.parseLong(max.group(1)));
        assertTrue(script.contains("\"token_max_ttl\": $PHASE_MAX_SECONDS"));
        assertTrue(script.contains("VAULT_TOKEN_FILE"), "the root token from its secret");
    }

    private String dockerfile() {
        return ComposeFile.read(ComposeFile.DOCKER.resolve("Dockerfile"));
    }

    private static Mount mountAt(Map<String, Object> service, String target) {
        return ComposeFile.mounts(service).stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseGet(() -> fail("nothing mounted at " + target + ": " + ComposeFile.mounts(service)));
    }

    private boolean underNamedVolume(Map<String, Object> service, String path) {
        Set<String> declared = compose.topLevel("volumes").keySet();
        return path != null && ComposeFile.mounts(service).stream().filter(Mount::named)
                .filter(m -> declared.contains(m.source())).anyMatch(m -> Path.of(path).startsWith(m.target()));
    }
}
