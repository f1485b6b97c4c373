package dev.credbroker.vault;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's own Vault token per target, for revocations only: a configured token, a token file, or an
 * AppRole login whose token is cached until three quarters of its TTL are gone (then logged in again), so
 * a restart or an expired token never stops the reaper.
 */
@Singleton
public class ReaperIdentity {
    private record Cached(String token, Instant refreshAt) {
    }

    /** A token file as last read: read again only once it changed on disk, or after Vault refused its token. */
    private record FileToken(String file, FileTime modified, String token) {
    }

    private final VaultHttpClient http;
    private final Clock clock;
    private final Map<String, Cached> approleTokens = new ConcurrentHashMap<>();
    private final Map<String, FileToken> fileTokens = new ConcurrentHashMap<>();

    public ReaperIdentity(VaultHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public Optional<String> token(VaultTarget target) {
        Optional<String> configured = target.reaperToken().or(() -> target.getReaperTokenFile().map(f -> fromFile(target, f)));
        if (configured.isPresent() || target.getReaperApproleRoleIdFile().isEmpty()
                || target.getReaperApproleSecretIdFile().isEmpty()) {
            return configured;
        }
        Cached cached = approleTokens.get(target.getName());
        if (cached == null || !clock.instant().isBefore(cached.refreshAt())) {
            cached = login(target);
            approleTokens.put(target.getName(), cached);
        }
        return Optional.of(cached.token());
    }

    /** Vault said the token is no good any more (403): log in again, or read the file again, next time. */
    public void forget(VaultTarget target) {
        approleTokens.remove(target.getName());
        fileTokens.remove(target.getName());
    }

    private String fromFile(VaultTarget target, String file) {
        FileTime modified = modified(file);
        FileToken cached = fileTokens.get(target.getName());
        if (cached == null || !cached.file().equals(file) || !cached.modified().equals(modified)) {
            cached = new FileToken(file, modified, VaultTargets.read(file));
            fileTokens.put(target.getName(), cached);
        }
        return cached.token();
    }

    private static FileTime modified(String file) {
        try {
            return Files.getLastModifiedTime(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credential file " + file, e);
        }
    }

    private Cached login(VaultTarget target) {
        String path = "auth/" + target.getReaperApprolePath() + "/login";
        VaultHttpClient.Answer answer = http.send("PUT", target.getAddress(), path, Optional.empty(), null,
                Map.of("role_id", VaultTargets.read(target.getReaperApproleRoleIdFile().get()),
                        "secret_id", VaultTargets.read(target.getReaperApproleSecretIdFile().get())),
                null, target.getRequestTimeout(), target.encodedCaCert());
        Object token = answer.section("auth").get("client_token");
        if (answer.status() != 200 || !(token instanceof String t)) {
            throw new VaultUnavailableException("the reaper's AppRole login at " + path + " on Vault target "
                    + target.getName() + " failed: " + answer.status() + " " + answer.errors());
        }
        long ttl = answer.section("auth").get("lease_duration") instanceof Number n ? n.longValue() : 0;
        return new Cached(t, clock.instant().plusSeconds(ttl * 3 / 4));
    }
}
