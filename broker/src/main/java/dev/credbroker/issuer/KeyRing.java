package dev.credbroker.issuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The issuer's signing keys and their rotation. Exactly one key is {@link KeyState#ACTIVE} and signs; one
 * is {@link KeyState#NEXT}, published but unused, so that every verifier caching the JWKS already knows a
 * key when it starts signing; {@link KeyState#RETIRED} keys stay published until every token they signed
 * has expired ({@code retiredAt + max-ttl}).
 *
 * <p>State lives in the key directory ({@link KeyRingStore}). On start the ring loads it, adopts PEM files
 * an operator put there (the first becomes ACTIVE on an empty ring, otherwise NEXT), and generates what is
 * missing. Before each use the ring reloads the directory if another process (the {@code rotate-keys}
 * command) changed it. Thread-safe.
 */
@Singleton
@Requires(property = IssuerConfiguration.ENABLED, notEquals = "false")
public class KeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

    /** What a rotation did; kids only. */
    public record Rotation(String activeKid, String nextKid, String retiredKid) {
    }

    private final IssuerConfiguration config;
    private final Clock clock;
    private final KeyRingStore store;
    private List<IssuerKey> keys = List.of();
    private Optional<Object> stamp = Optional.empty();

    @Inject
    public KeyRing(IssuerConfiguration config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new KeyRingStore(config.keyDir().toAbsolutePath().normalize());
        synchronized (this) {
            load();
        }
    }

    /** The key that signs tokens now. */
    public synchronized IssuerKey activeKey() {
        refresh();
        return find(KeyState.ACTIVE).orElseThrow(() -> new IssuerKeyException("the key ring has no active key"));
    }

    /** Every key currently published, active first; a snapshot. */
    public synchronized List<IssuerKey> keys() {
        refresh();
        pruneAndSave();
        return keys.stream().sorted(Comparator.comparing(IssuerKey::state,
                Comparator.comparingInt(s -> s == KeyState.ACTIVE ? 0 : s == KeyState.NEXT ? 1 : 2))).toList();
    }

    /** The JWKS to publish: public parts of the NEXT, ACTIVE and still-needed RETIRED keys. */
    public JWKSet publicKeys() {
        return new JWKSet(keys().stream().map(IssuerKey::publicJwk).toList());
    }

    /** Algorithms of the published keys. */
    public Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algs = new HashSet<>();
        keys().forEach(k -> algs.add(k.algorithm()));
        return algs;
    }

    /**
     * Promotes NEXT to ACTIVE, retires the ACTIVE key and generates a new NEXT. The retired key's file keeps
     * its public half only. Admin-callable; also run by {@link KeyRotationJob} when a rotation is due.
     */
    public synchronized Rotation rotate() {
        refresh();
        Instant now = clock.instant();
        IssuerKey active = find(KeyState.ACTIVE).orElseThrow(() -> new IssuerKeyException("no active key"));
        IssuerKey next = find(KeyState.NEXT).orElseGet(() -> addGenerated(KeyState.NEXT, now));
        IssuerKey retired = active.withState(KeyState.RETIRED, now);
        IssuerKey promoted = next.withState(KeyState.ACTIVE, now);
        List<IssuerKey> updated = new ArrayList<>();
        for (IssuerKey k : keys) {
            updated.add(k.kid().equals(active.kid()) ? retired : k.kid().equals(next.kid()) ? promoted : k);
        }
        keys = updated;
        IssuerKey fresh = addGenerated(KeyState.NEXT, now);
        prune(now);
        save();
        // only once the metadata no longer calls it active: drop the private half of the retired key
        store.writeKey(retired.file(), retired.jwk());
        LOG.info("issuer keys rotated: active kid={} (was next), retired kid={}, new next kid={}",
                promoted.kid(), retired.kid(), fresh.kid());
        return new Rotation(promoted.kid(), fresh.kid(), retired.kid());
    }

    /** Rotates when the active key has signed for {@code rotation-period}; drops expired retired keys. */
    public synchronized Optional<Rotation> rotateIfDue() {
        refresh();
        Instant now = clock.instant();
        IssuerKey active = activeKey();
        Instant since = active.activatedAt().orElse(active.createdAt());
        if (!since.plus(config.rotationPeriod()).isAfter(now)) {
            return Optional.of(rotate());
        }
        pruneAndSave();
        return Optional.empty();
    }

    /** Where the keys live. */
    public java.nio.file.Path directory() {
        return store.dir();
    }

    KeyRingStore store() {
        return store;
    }

    private Optional<IssuerKey> find(KeyState state) {
        return keys.stream().filter(k -> k.state() == state).findFirst();
    }

    private void refresh() {
        if (!store.metadataStamp().equals(stamp)) {
            LOG.info("issuer key ring changed on disk; reloading {}", store.dir());
            load();
        }
    }

    private void load() {
        store.ensureDir();
        Instant now = clock.instant();
        boolean changed = false;
        List<IssuerKey> loaded = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        Optional<List<KeyRingStore.Entry>> meta = store.readMetadata();
        for (KeyRingStore.Entry e : meta.orElse(List.of())) {
            referenced.add(e.file());
            Optional<JWK> jwk = store.readKey(e.file());
            if (jwk.isEmpty() || !jwk.get().getKeyID().equals(e.kid())
                    || (e.state() != KeyState.RETIRED && !jwk.get().isPrivate())) {
                if (e.state() == KeyState.ACTIVE) {
                    throw new IssuerKeyException("the active issuer key " + e.kid() + " (" + e.file()
                            + ") is missing, not private or not the key recorded in " + KeyRingStore.METADATA_FILE);
                }
                LOG.warn("issuer key {} ({}) is missing or does not match {}; dropping it", e.kid(), e.file(),
                        KeyRingStore.METADATA_FILE);
                changed = true;
                continue;
            }
            if (e.state() == KeyState.ACTIVE && loaded.stream().anyMatch(k -> k.state() == KeyState.ACTIVE)) {
                throw new IssuerKeyException(KeyRingStore.METADATA_FILE + " names more than one active key");
            }
            JWK key = jwk.get();
            if (e.state() == KeyState.RETIRED && key.isPrivate()) {
                // a rotation was interrupted before it dropped the retired key's private half
                key = key.toPublicJWK();
                store.writeKey(e.file(), key);
            }
            loaded.add(new IssuerKey(e.kid(), e.algorithm(), e.state(), e.file(), e.provided(), key, e.createdAt(),
                    e.activatedAt(), e.retiredAt()));
        }
        keys = loaded;
        changed |= adoptProvided(referenced, now);
        if (find(KeyState.ACTIVE).isEmpty()) {
            Optional<IssuerKey> next = find(KeyState.NEXT);
            if (next.isPresent()) {
                replace(next.get(), next.get().withState(KeyState.ACTIVE, now));
            } else {
                addGenerated(KeyState.ACTIVE, now);
            }
            changed = true;
        }
        Optional<IssuerKey> next = find(KeyState.NEXT);
        if (next.isPresent() && !next.get().provided()
                && !next.get().algorithm().equals(config.signingAlgorithm().jws())) {
            // the configured algorithm changed: the unused next key is replaced by one of the new kind
            dropKey(next.get());
            next = Optional.empty();
            changed = true;
        }
        if (next.isEmpty()) {
            addGenerated(KeyState.NEXT, now);
            changed = true;
        }
        changed |= prune(now);
        if (changed || meta.isEmpty()) {
            save();
        } else {
            stamp = store.metadataStamp();
        }
        LOG.info("issuer key ring loaded from {}: active kid={}, {} key(s) published", store.dir(),
                find(KeyState.ACTIVE).map(IssuerKey::kid).orElse("?"), keys.size());
    }

    /** PEM files nobody recorded: an operator's keys. The first becomes ACTIVE on an empty ring, else NEXT. */
    private boolean adoptProvided(Set<String> referenced, Instant now) {
        boolean changed = false;
        for (String file : store.pemFiles()) {
            if (referenced.contains(file)) {
                continue;
            }
            JWK jwk = store.readKey(file).orElseThrow();
            if (!jwk.isPrivate()) {
                LOG.warn("ignoring {} in the issuer key directory: it holds no private key", file);
                continue;
            }
            if (keys.stream().anyMatch(k -> k.kid().equals(jwk.getKeyID()))) {
                LOG.warn("ignoring {} in the issuer key directory: kid {} is already in the ring", file,
                        jwk.getKeyID());
                continue;
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
            if (!alg.equals(config.signingAlgorithm().jws())) {
                throw new IssuerKeyException(file + " holds a " + alg + " key but " + IssuerConfiguration.PREFIX
                        + ".algorithm is " + config.signingAlgorithm());
            }
            Optional<IssuerKey> next = find(KeyState.NEXT);
            IssuerKey adopted;
            if (find(KeyState.ACTIVE).isEmpty()) {
                adopted = new IssuerKey(jwk.getKeyID(), alg, KeyState.ACTIVE, file, true, jwk, now,
                        Optional.of(now), Optional.empty());
            } else if (next.isEmpty() || !next.get().provided()) {
                next.ifPresent(this::dropKey);
                adopted = new IssuerKey(jwk.getKeyID(), alg, KeyState.NEXT, file, true, jwk, now,
                        Optional.empty(), Optional.empty());
            } else {
                LOG.warn("ignoring {} in the issuer key directory: an operator-provided next key is already set",
                        file);
                continue;
            }
            keys = append(keys, adopted);
            LOG.info("adopted operator-provided issuer key {} as {} (kid={})", file, adopted.state(), adopted.kid());
            changed = true;
        }
        return changed;
    }

    private IssuerKey addGenerated(KeyState state, Instant now) {
        SigningAlgorithm alg = config.signingAlgorithm();
        JWK jwk = alg.generate();
        String file = jwk.getKeyID() + ".pem";
        store.writeKey(file, jwk);
        IssuerKey key = new IssuerKey(jwk.getKeyID(), alg.jws(), state, file, false, jwk, now,
                state == KeyState.ACTIVE ? Optional.of(now) : Optional.empty(), Optional.empty());
        keys = append(keys, key);
        LOG.info("generated {} issuer key kid={} as {}", alg, key.kid(), state);
        return key;
    }

    private boolean prune(Instant now) {
        List<IssuerKey> expired = keys.stream().filter(k -> k.state() == KeyState.RETIRED)
                .filter(k -> !k.retiredAt().orElse(now).plus(config.maxTtl()).isAfter(now)).toList();
        expired.forEach(k -> {
            dropKey(k);
            LOG.info("dropped retired issuer key kid={}: every token it signed has expired", k.kid());
        });
        return !expired.isEmpty();
    }

    private void pruneAndSave() {
        if (prune(clock.instant())) {
            save();
        }
    }

    private void dropKey(IssuerKey key) {
        keys = keys.stream().filter(k -> !k.kid().equals(key.kid())).toList();
        store.deleteKey(key.file());
    }

    private void replace(IssuerKey old, IssuerKey updated) {
        keys = keys.stream().map(k -> k.kid().equals(old.kid()) ? updated : k).toList();
    }

    private void save() {
        store.writeMetadata(keys);
        stamp = store.metadataStamp();
    }

    private static List<IssuerKey> append(List<IssuerKey> list, IssuerKey key) {
        List<IssuerKey> copy = new ArrayList<>(list);
        copy.add(key);
        return copy;
    }
}
