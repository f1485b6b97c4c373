package dev.credbroker.api;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator's bearer secret, which unlocks health details ({@link OperatorSettings}: {@code broker.operator.token},
 * else the first line of {@code broker.operator.token-file}). Separate from the orchestrator's: a monitoring system
 * must not be able to mint tokens. When neither is set, health details are shown to no one. Compared in constant time
 * over digests.
 */
@Singleton
public class OperatorCredential {
    private final byte[] expectedDigest;

    public OperatorCredential(OperatorSettings settings) {
        String secret = settings.token();
        String tokenFile = settings.tokenFile();
        if (secret == null && tokenFile != null) {
            try {
                secret = Files.readAllLines(Path.of(tokenFile), StandardCharsets.UTF_8).stream().findFirst()
                        .map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + OperatorSettings.PREFIX + ".token-file " + tokenFile,
                        e);
            }
        }
        expectedDigest = secret == null ? null : sha256(secret);
    }

    /** Whether {@code presented} (a bearer value, maybe null) is the operator credential. */
    public boolean matches(@Nullable String presented) {
        return expectedDigest != null && presented != null
                && MessageDigest.isEqual(expectedDigest, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
