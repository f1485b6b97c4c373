package dev.credbroker.issuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The key directory on disk: one PEM file per key (mode 0600) and {@code keyring.json}, which records each
 * key's state and dates and holds no secret. Every file is replaced atomically (write a temporary file,
 * then rename), so a crash leaves either the old or the new version.
 */
final class KeyRingStore {
    static final String METADATA_FILE = "keyring.json";
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    /** One line of {@code keyring.json}. */
    record Entry(String kid, String file, JWSAlgorithm algorithm, KeyState state, boolean provided,
                 Instant createdAt, Optional<Instant> activatedAt, Optional<Instant> retiredAt) {
    }

    private final Path dir;

    KeyRingStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path dir() {
        return dir;
    }

    void ensureDir() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setPermissions(dir, OWNER_RWX);
            }
        } catch (IOException e) {
            throw new IssuerKeyException("cannot create the issuer key directory " + dir, e);
        }
    }

    /** What identifies the current version of the metadata file, to notice another process rewriting it. */
    Optional<Object> metadataStamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(METADATA_FILE), BasicFileAttributes.class);
            return Optional.of(List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<List<Entry>> readMetadata() {
        Path file = dir.resolve(METADATA_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IssuerKeyException("cannot read " + file, e);
        }
        try {
            Map<String, Object> root = JSONObjectUtils.parse(text);
            List<Entry> entries = new ArrayList<>();
            Map<String, Object>[] keys = JSONObjectUtils.getJSONObjectArray(root, "keys");
            for (Map<String, Object> k : keys == null ? new Map[0] : keys) {
                entries.add(new Entry(
                        JSONObjectUtils.getString(k, "kid"),
                        JSONObjectUtils.getString(k, "file"),
                        JWSAlgorithm.parse(JSONObjectUtils.getString(k, "alg")),
                        KeyState.valueOf(JSONObjectUtils.getString(k, "state")),
                        Boolean.TRUE.equals(k.get("provided")),
                        Instant.parse(JSONObjectUtils.getString(k, "created_at")),
                        Optional.ofNullable(JSONObjectUtils.getString(k, "activated_at")).map(Instant::parse),
                        Optional.ofNullable(JSONObjectUtils.getString(k, "retired_at")).map(Instant::parse)));
            }
            return Optional.of(entries);
        } catch (ParseException | RuntimeException e) {
            throw new IssuerKeyException("cannot parse " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    void writeMetadata(List<IssuerKey> keys) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (IssuerKey k : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kid", k.kid());
            m.put("file", k.file());
            m.put("alg", k.algorithm().getName());
            m.put("state", k.state().name());
            m.put("provided", k.provided());
            m.put("created_at", k.createdAt().toString());
            k.activatedAt().ifPresent(t -> m.put("activated_at", t.toString()));
            k.retiredAt().ifPresent(t -> m.put("retired_at", t.toString()));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("keys", list);
        writeAtomically(METADATA_FILE, JSONObjectUtils.toJSONString(root) + "\n");
    }

    /** The key in {@code file}, private when the file has its private block. */
    Optional<JWK> readKey(String file) {
        Path path = resolve(file);
        try {
            return Optional.of(PemKeys.read(file, Files.readString(path, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IssuerKeyException("cannot read key file " + path, e);
        }
    }

    /** Writes the key's PEM (private block only if the JWK is private), mode 0600. */
    void writeKey(String file, JWK jwk) {
        writeAtomically(file, PemKeys.write(jwk));
    }

    void deleteKey(String file) {
        try {
            Files.deleteIfExists(resolve(file));
        } catch (IOException e) {
            throw new IssuerKeyException("cannot delete key file " + file, e);
        }
    }

    /** Names of the {@code *.pem} files in the directory, sorted. */
    List<String> pemFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pem")).sorted().toList();
        } catch (IOException e) {
            throw new IssuerKeyException("cannot list the issuer key directory " + dir, e);
        }
    }

    /** Reads the first line of a secret file in the key directory, if present. */
    Optional<String> readSecret(String file) {
        try {
            return Files.readAllLines(resolve(file), StandardCharsets.UTF_8).stream().findFirst().map(String::strip)
                    .filter(s -> !s.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IssuerKeyException("cannot read " + resolve(file), e);
        }
    }

    /** Creates a secret file with mode 0600; fails if it already exists. */
    Path createSecret(String file, String value) {
        Path path = resolve(file);
        try {
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(path);
            }
            Files.writeString(path, value + "\n", StandardCharsets.UTF_8);
            return path;
        } catch (FileAlreadyExistsException e) {
            throw new IssuerKeyException(path + " appeared while it was being created", e);
        } catch (IOException e) {
            throw new IssuerKeyException("cannot write " + path, e);
        }
    }

    private Path resolve(String file) {
        Path p = dir.resolve(file).normalize();
        if (!p.getParent().equals(dir.normalize()) || file.contains("/") || file.contains("\\")) {
            throw new IssuerKeyException("key file name " + file + " leaves the key directory");
        }
        return p;
    }

    private void writeAtomically(String file, String content) {
        Path target = resolve(file);
        Path tmp = dir.resolve("." + file + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IssuerKeyException("cannot write " + target, e);
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(path, perms);
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their default ACLs
        }
    }
}
