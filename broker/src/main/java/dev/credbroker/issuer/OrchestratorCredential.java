package dev.credbroker.issuer;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The shared bearer secret that lets the orchestrator mint workload tokens: {@code broker.issuer.orchestrator-token},
 * else the first line of {@code broker.issuer.orchestrator-token-file}, else the file {@code orchestrator-token}
 * in the key directory, generated (256 random bits, mode 0600) on first use. Only the file's path is ever
 * logged. Comparison is constant-time over SHA-256 digests, so neither content nor length leaks.
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class OrchestratorCredential {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorCredential.class);

    private final byte[] expectedDigest;
    private final String source;

    public OrchestratorCredential(IssuerConfiguration config, KeyRing ring) {
        Optional<String> inline = Optional.ofNullable(config.orchestratorToken());
        String secret;
        if (inline.isPresent()) {
            secret = inline.get();
            source = IssuerConfiguration.PREFIX + ".orchestrator-token";
        } else if (Optional.ofNullable(config.orchestratorTokenFile()).isPresent()) {
            Path file = Optional.ofNullable(config.orchestratorTokenFile()).get();
            try {
                secret = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .orElseThrow(() -> new IssuerKeyException("the orchestrator token file " + file + " is empty"));
            } catch (IOException e) {
                throw new IssuerKeyException("cannot read the orchestrator token file " + file, e);
            }
            source = file.toString();
        } else {
            KeyRingStore store = ring.store();
            String name = IssuerConfiguration.GENERATED_ORCHESTRATOR_TOKEN_FILE;
            Optional<String> existing = store.readSecret(name);
            if (existing.isPresent()) {
                secret = existing.get();
            } else {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                store.createSecret(name, secret);
                LOG.info("generated an orchestrator credential for POST /v1/issuer/tokens in {}",
                        store.dir().resolve(name));
            }
            source = store.dir().resolve(name).toString();
        }
        expectedDigest = sha256(secret);
    }

    /** Where the credential comes from: a property name or a file path. Never the value. */
    public String source() {
        return source;
    }

    /**
     * @param presented the bearer value, or null when the request had none
     * @throws OrchestratorUnauthenticatedException when it is missing or wrong
     */
    public void authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new OrchestratorUnauthenticatedException("an orchestrator credential is required (Authorization: Bearer)");
        }
        if (!MessageDigest.isEqual(expectedDigest, sha256(presented.strip()))) {
            throw new OrchestratorUnauthenticatedException("the orchestrator credential is not valid");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
