package dev.credbroker.vault;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's own Vault token per target and namespace, for revocations only: a configured token, a token
 * file, or an AppRole login whose token is cached until three quarters of its TTL are gone (then logged in
 * again), so a restart or an expired token never stops a close, the runner's or the reaper's. A namespace with an
 * identity of its own ({@link NamespaceRevocationIdentity}) uses it, logging in inside that namespace; any other uses the target's.
 */
@Singleton
public class RevocationIdentity {
    private record Cached(String token, Instant refreshAt) {
    }

    /** A token file as last read: read again only once it changed on disk, or after Vault refused its token. */
    private record FileToken(String file, FileTime modified, String token) {
    }

    /** Where one identity's credentials are, and the namespace its AppRole login happens in. */
    private record Credentials(String key, Optional<String> token, Optional<String> tokenFile, String approlePath,
                               Optional<String> roleIdFile, Optional<String> secretIdFile, Optional<String> namespace) {
    }

    private final VaultHttpClient http;
    private final Clock clock;
    private final List<NamespaceRevocationIdentity> namespaceIdentities;
    private final Map<String, Cached> approleTokens = new ConcurrentHashMap<>();
    private final Map<String, FileToken> fileTokens = new ConcurrentHashMap<>();

    @Inject
    public RevocationIdentity(VaultHttpClient http, Clock clock, List<NamespaceRevocationIdentity> namespaceIdentities) {
        this.http = http;
        this.clock = clock;
        this.namespaceIdentities = List.copyOf(namespaceIdentities);
    }

    public RevocationIdentity(VaultHttpClient http, Clock clock) {
        this(http, clock, List.of());
    }

    public Optional<String> token(VaultTarget target, Optional<String> namespace) {
        Credentials credentials = credentials(target, namespace);
        Optional<String> configured = credentials.token()
                .or(() -> credentials.tokenFile().map(f -> fromFile(credentials.key(), f)));
        if (configured.isPresent() || credentials.roleIdFile().isEmpty() || credentials.secretIdFile().isEmpty()) {
            return configured;
        }
        Cached cached = approleTokens.get(credentials.key());
        if (cached == null || !clock.instant().isBefore(cached.refreshAt())) {
            cached = login(target, credentials);
            approleTokens.put(credentials.key(), cached);
        }
        return Optional.of(cached.token());
    }

    /** Vault said the token is no good any more (403): log in again, or read the file again, next time. */
    public void forget(VaultTarget target, Optional<String> namespace) {
        String key = credentials(target, namespace).key();
        approleTokens.remove(key);
        fileTokens.remove(key);
    }

    private Credentials credentials(VaultTarget target, Optional<String> namespace) {
        return namespace.flatMap(ns -> namespaceIdentities.stream().filter(r -> r.serves(target, ns)).findFirst())
                .map(r -> new Credentials(target.getName() + "/" + NamespaceRevocationIdentity.trim(r.getNamespace()),
                        Optional.empty(), r.getRevocationTokenFile(), r.getRevocationApprolePath(),
                        r.getRevocationApproleRoleIdFile(), r.getRevocationApproleSecretIdFile(),
                        Optional.of(NamespaceRevocationIdentity.trim(r.getNamespace()))))
                .orElseGet(() -> new Credentials(target.getName(), target.revocationToken(), target.getRevocationTokenFile(),
                        target.getRevocationApprolePath(), target.getRevocationApproleRoleIdFile(),
                        target.getRevocationApproleSecretIdFile(), Optional.empty()));
    }

    private String fromFile(String key, String file) {
        FileTime modified = modified(file);
        FileToken cached = fileTokens.get(key);
        if (cached == null || !cached.file().equals(file) || !cached.modified().equals(modified)) {
            cached = new FileToken(file, modified, VaultTargets.read(file));
            fileTokens.put(key, cached);
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

    private Cached login(VaultTarget target, Credentials credentials) {
        String path = "auth/" + credentials.approlePath() + "/login";
        VaultHttpClient.Answer answer = http.send("PUT", target.getAddress(), path, credentials.namespace(), null,
                Map.of("role_id", VaultTargets.read(credentials.roleIdFile().get()),
                        "secret_id", VaultTargets.read(credentials.secretIdFile().get())),
                null, target.getRequestTimeout(), target.encodedCaCert());
        Object token = answer.section("auth").get("client_token");
        if (answer.status() != 200 || !(token instanceof String t)) {
            throw new VaultUnavailableException("the revocation identity's AppRole login at " + path + " on Vault target "
                    + credentials.key() + " failed: " + answer.status() + " " + answer.errors());
        }
        long ttl = answer.section("auth").get("lease_duration") instanceof Number n ? n.longValue() : 0;
        return new Cached(t, clock.instant().plusSeconds(ttl * 3 / 4));
    }
}
