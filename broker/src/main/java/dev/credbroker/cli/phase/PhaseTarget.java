package dev.credbroker.cli.phase;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** Which phase: {@code --phase-id ID}, or {@code --out-dir DIR} where {@code phase open} left its phase.json. */
public class PhaseTarget {
    @Option(names = "--phase-id", paramLabel = "ID", description = "the phase's id, as 'phase open' printed it")
    String phaseId;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "the directory 'phase open' wrote (reads DIR/phase.json)")
    Path outDir;

    /** The phase id: {@code --phase-id} if given, else DIR/phase.json's, else (wiped) DIR/phase.closed.json's. */
    String phaseId() {
        if (phaseId != null) {
            return BrokerClient.checkPhaseId(phaseId, "--phase-id");
        }
        if (outDir == null) {
            throw PhaseCliException.badInput("give --phase-id ID or --out-dir DIR");
        }
        if (!java.nio.file.Files.exists(outDir.resolve(PhaseDirectory.PHASE_FILE))) {
            var closed = PhaseDirectory.closedPhaseId(outDir);
            if (closed.isPresent()) {
                return BrokerClient.checkPhaseId(closed.get(), outDir.resolve(PhaseDirectory.CLOSED_FILE).toString());
            }
        }
        Map<String, Object> phase = directory().readPhase();
        return BrokerClient.checkPhaseId(phase.get("phase_id") instanceof String s ? s : null,
                outDir.resolve(PhaseDirectory.PHASE_FILE).toString());
    }

    /** The directory {@code phase open} wrote; only with {@code --out-dir}. */
    PhaseDirectory directory() {
        return PhaseDirectory.existing(outDir);
    }
}
