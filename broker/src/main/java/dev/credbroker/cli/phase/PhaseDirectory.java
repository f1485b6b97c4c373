package dev.credbroker.cli.phase;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory a phase's credentials are written to. Files are owner-only ({@code 0600}), written to a temporary
 * name and moved into place (a symlink planted under the final name is replaced, not followed), and every name
 * is a plain file name: nothing with {@code /}, {@code \} or {@code ..} gets near the file system.
 */
final class PhaseDirectory {
    /** The non-secret handle of the phase: id, run, deadlines, and the names of the files written. */
    static final String PHASE_FILE = "phase.json";
    /** {@code export NAME='value'} lines for a shell to source. */
    static final String ENV_FILE = "credentials.env";
    /** HCP's {@code tfc_*_dynamic_credentials} input variables; Terraform loads it from its working directory. */
    static final String TFVARS_FILE = "terraform.auto.tfvars.json";
    /**
     * What {@code phase close --wipe} leaves: the closed phase's id only, so that closing again (a retried hook)
     * asks the broker again instead of failing on a directory without {@value #PHASE_FILE}.
     */
    static final String CLOSED_FILE = "phase.closed.json";
    /** Taken by {@link #lock()}; empty. */
    static final String LOCK_FILE = ".credbroker.lock";
    static final Set<String> RESERVED = Set.of(PHASE_FILE, ENV_FILE, TFVARS_FILE, CLOSED_FILE, LOCK_FILE);
    private static final Set<Path> LOCAL = new java.util.HashSet<>();

    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    private PhaseDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir} (owner-only) if it does not exist. */
    static PhaseDirectory create(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(abs)) {
                Files.createDirectories(abs.getParent());
                try {
                    Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_RWX));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(abs);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw PhaseCliException.badInput("--out-dir: " + abs + " exists and is not a directory");
        } catch (IOException e) {
            throw PhaseCliException.badInput("--out-dir: cannot create " + abs + " (" + e.getClass().getSimpleName() + ")");
        }
        return new PhaseDirectory(abs);
    }

    /** A directory {@code phase open} wrote to. */
    static PhaseDirectory existing(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve(PHASE_FILE), LinkOption.NOFOLLOW_LINKS)) {
            throw PhaseCliException.badInput("--out-dir: no " + PHASE_FILE + " in " + abs);
        }
        return new PhaseDirectory(abs);
    }

    Path path() {
        return dir;
    }

    /** The phase id {@code phase close --wipe} left in {@value #CLOSED_FILE}, if {@code dir} has one. */
    static java.util.Optional<String> closedPhaseId(Path dir) {
        Path closed = dir.toAbsolutePath().normalize().resolve(CLOSED_FILE);
        if (!Files.isRegularFile(closed, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try {
            Object id = Json.parseObject(Files.readAllBytes(closed)).get("phase_id");
            return java.util.Optional.ofNullable(id instanceof String s ? s : null);
        } catch (IOException | RuntimeException e) {
            throw PhaseCliException.badInput("--out-dir: " + closed + " is not a closed-phase file");
        }
    }

    /** A file name handed out by the broker, checked. The reserved names are ours. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.contains("/") || name.contains("\\")
                || name.contains("..") || name.equals(".") || name.chars().anyMatch(Character::isISOControl)
                || RESERVED.contains(name)) {
            throw PhaseCliException.failure("the broker handed out a file name that is not a plain file name");
        }
        return name;
    }

    /** Absolute path of a checked file name in this directory. */
    Path resolve(String name) {
        Path p = dir.resolve(checkName(name)).normalize();
        if (!dir.equals(p.getParent())) {
            throw PhaseCliException.failure("the broker handed out a file name outside the output directory");
        }
        return p;
    }

    /** Writes {@code name} with mode 0600, atomically. */
    void write(String name, byte[] content) throws IOException {
        Path target = RESERVED.contains(name) ? dir.resolve(name) : resolve(name);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".credbroker-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, ".credbroker-", ".tmp");
            tmp.toFile().setReadable(false, false);
            tmp.toFile().setWritable(false, false);
            tmp.toFile().setReadable(true, true);
            tmp.toFile().setWritable(true, true);
        }
        try {
            Files.write(tmp, content);
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, OWNER_RW); // whatever the umask did
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Holds this directory's lock until closed: commands that rewrite {@value #PHASE_FILE} (a heartbeat, an AWS
     * refresh) take it so that neither writes back what it read before the other's change. One lock file, kept
     * (deleting it would let two processes lock different files); a JVM's own threads queue on a monitor first,
     * as a file lock is held per process.
     */
    AutoCloseable lock() throws IOException {
        synchronized (LOCAL) {
            while (LOCAL.contains(dir)) {
                try {
                    LOCAL.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting for " + dir.resolve(LOCK_FILE));
                }
            }
            LOCAL.add(dir);
        }
        java.nio.channels.FileChannel channel = null;
        try {
            channel = java.nio.channels.FileChannel.open(dir.resolve(LOCK_FILE), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock held = channel.lock();
            java.nio.channels.FileChannel open = channel;
            return () -> {
                try {
                    held.release();
                    open.close();
                } finally {
                    unlockLocal();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            unlockLocal();
            throw e;
        }
    }

    private void unlockLocal() {
        synchronized (LOCAL) {
            LOCAL.remove(dir);
            LOCAL.notifyAll();
        }
    }

    /** The content of {@value #PHASE_FILE}. */
    Map<String, Object> readPhase() {
        try {
            return Json.parseObject(Files.readAllBytes(dir.resolve(PHASE_FILE)));
        } catch (IOException | RuntimeException e) {
            throw PhaseCliException.badInput("--out-dir: " + dir.resolve(PHASE_FILE) + " is not a phase file");
        }
    }

    /**
     * Deletes the credential files named in {@value #PHASE_FILE}, {@value #ENV_FILE}, {@value #TFVARS_FILE} and
     * {@value #PHASE_FILE} itself, in that order, then {@value #LOCK_FILE}. The directory stays: it may be the caller's own.
     *
     * @return the names deleted
     */
    List<String> wipe(List<String> credentialFiles) throws IOException {
        List<String> deleted = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (String name : credentialFiles) {
            paths.add(resolve(name));
        }
        paths.add(dir.resolve(ENV_FILE));
        paths.add(dir.resolve(TFVARS_FILE));
        paths.add(dir.resolve(PHASE_FILE));
        for (Path p : paths) {
            try {
                Files.delete(p);
                deleted.add(p.getFileName().toString());
            } catch (NoSuchFileException ignored) {
                // already gone
            }
        }
        // the phase is over: nothing rewrites its files any more, so the lock goes too (not a credential: unlisted)
        Files.deleteIfExists(dir.resolve(LOCK_FILE));
        return deleted;
    }
}
