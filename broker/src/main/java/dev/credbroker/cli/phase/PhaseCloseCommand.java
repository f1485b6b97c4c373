package dev.credbroker.cli.phase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code credbroker phase close}: {@code DELETE /v1/phases/{id}}. The broker answers 204 only once Vault has
 * revoked the phase's leases and token; closing twice is fine. {@code --wipe} then deletes what
 * {@code phase open} wrote into {@code --out-dir}, and only then: a failed close leaves the files for a retry;
 * it leaves {@value PhaseDirectory#CLOSED_FILE} (the id alone), so a second {@code close --wipe} closes again.
 */
@Command(name = "close", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Close the phase: the broker revokes its leases and Vault token. --wipe deletes the files.")
public class PhaseCloseCommand extends PhaseSubcommand {
    @Mixin
    PhaseTarget target;

    @Option(names = "--wipe", description = "after a successful close, delete the files 'phase open' wrote to --out-dir")
    boolean wipe;

    @Override
    int run() {
        if (wipe && target.outDir == null) {
            throw PhaseCliException.badInput("--wipe needs --out-dir DIR");
        }
        String phaseId = target.phaseId();
        if (wipe && !Files.exists(target.outDir.resolve(PhaseDirectory.PHASE_FILE))) {
            // closed and wiped before: ask the broker again (closing twice is fine), nothing left to delete
            client().close(phaseId);
            out().println("phase " + phaseId + " closed (already wiped)");
            out().flush();
            return 0;
        }
        PhaseDirectory dir = wipe ? target.directory() : null;
        List<String> files = wipe ? credentialFiles(dir) : List.of();
        client().close(phaseId);
        out().println("phase " + phaseId + " closed");
        if (wipe) {
            try {
                List<String> deleted = dir.wipe(files);
                dir.write(PhaseDirectory.CLOSED_FILE, Json.write(java.util.Map.of("phase_id", phaseId))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out().println("wiped " + String.join(" ", deleted));
            } catch (IOException e) {
                throw PhaseCliException.failure("phase closed, but wiping " + dir.path() + " failed ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        out().flush();
        return 0;
    }

    private List<String> credentialFiles(PhaseDirectory dir) {
        Object files = dir.readPhase().get("files");
        if (!(files instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw PhaseCliException.badInput("--out-dir: " + PhaseDirectory.PHASE_FILE + " lists no files");
        }
        List<String> names = list.stream().map(String.class::cast).toList();
        names.forEach(dir::resolve); // checked before anything is closed or deleted
        return names;
    }
}
