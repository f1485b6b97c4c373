package dev.credbroker.vaultsim.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clouds behind the engines, reduced to one question tests need answered: is this credential still
 * accepted? Engines {@link #mint} on issue and {@link #invalidate} on revocation; a credential whose
 * lease Vault cannot revoke (STS) stays live until its own expiry, as in AWS.
 */
public final class FakeCloud {
    private record Entry(String kind, Instant expiresAt) {
    }

    private final Map<String, Entry> live = new ConcurrentHashMap<>();

    /** @param id a non-secret identifier of the credential (access key id, client id, key id, token hash) */
    public void mint(String id, String kind, Instant expiresAt) {
        live.put(id, new Entry(kind, expiresAt));
    }

    public void invalidate(String id) {
        live.remove(id);
    }

    public boolean isLive(String id, Instant now) {
        Entry entry = live.get(id);
        return entry != null && (entry.expiresAt() == null || now.isBefore(entry.expiresAt()));
    }

    public Optional<String> kindOf(String id) {
        return Optional.ofNullable(live.get(id)).map(Entry::kind);
    }

    public int liveCount(Instant now) {
        return (int) live.keySet().stream().filter(id -> isLive(id, now)).count();
    }
}
