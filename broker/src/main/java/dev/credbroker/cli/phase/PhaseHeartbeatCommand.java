package dev.credbroker.cli.phase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code credbroker phase heartbeat}: {@code POST /v1/phases/{id}/heartbeat}, once or {@code --every} period.
 *
 * <p>In a loop, a 409 (the phase was closed, by the runner or the reaper) ends it with exit 0; any other 4xx
 * (token expired, unknown phase) ends it with exit 2. A 5xx or an unreachable broker is reported and retried at
 * the next tick until the phase's last {@code heartbeat_by} has passed, then the loop gives up with exit 1:
 * from then on the reaper may revoke the phase anyway. With {@code --out-dir}, each beat updates
 * {@code heartbeat_by} and {@code expires_at} in phase.json.
 */
@Command(name = "heartbeat", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tell the broker the phase is alive (renews leases near expiry); once, or --every period.")
public class PhaseHeartbeatCommand extends PhaseSubcommand {
    @Mixin
    PhaseTarget target;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "repeat every DURATION (e.g. 60s) until the phase is closed or the command interrupted")
    Duration every;

    Clock clock = Clock.systemUTC();

    @Override
    int run() {
        String phaseId = target.phaseId();
        BrokerClient client = client();
        if (every == null) {
            beat(client, phaseId);
            return 0;
        }
        Instant giveUpAt = lastKnownHeartbeatBy();
        while (true) {
            try {
                giveUpAt = beat(client, phaseId);
            } catch (PhaseCliException e) {
                if (e.httpStatus() == 409) {
                    out().println("phase " + phaseId + " is closed; heartbeat stopped");
                    out().flush();
                    return 0;
                }
                if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
                    throw e;
                }
                err().println("credbroker: " + e.getMessage());
                err().flush();
                if (giveUpAt != null && clock.instant().plus(every).isAfter(giveUpAt)) {
                    throw PhaseCliException.failure("no heartbeat accepted before " + giveUpAt + "; giving up");
                }
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /** One heartbeat; prints one line and returns the new {@code heartbeat_by}, if the broker gave one. */
    private Instant beat(BrokerClient client, String phaseId) {
        Map<String, Object> answer = client.heartbeat(phaseId);
        Object by = answer.get("heartbeat_by");
        out().println("heartbeat ok: phase " + phaseId + ", next by " + by + ", renewed " + answer.get("renewed"));
        out().flush();
        if (target.outDir != null) {
            update(answer);
        }
        return instant(by);
    }

    private void update(Map<String, Object> answer) {
        if (!Files.isRegularFile(target.outDir.resolve(PhaseDirectory.PHASE_FILE))) {
            return; // wiped by 'phase close --wipe' meanwhile: the next beat will hear 409
        }
        PhaseDirectory dir = target.directory();
        // under the directory's lock: an AWS refresh rewrites phase.json too, and its change must not be undone
        try (AutoCloseable locked = dir.lock()) {
            Map<String, Object> phase = new LinkedHashMap<>(dir.readPhase());
            phase.put("heartbeat_by", answer.get("heartbeat_by"));
            phase.put("expires_at", answer.get("expires_at"));
            dir.write(PhaseDirectory.PHASE_FILE, toJson(phase).getBytes(StandardCharsets.UTF_8));
        } catch (PhaseCliException e) {
            throw e;
        } catch (Exception e) {
            err().println("credbroker: cannot update " + PhaseDirectory.PHASE_FILE + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Instant lastKnownHeartbeatBy() {
        return target.outDir == null ? null : instant(target.directory().readPhase().get("heartbeat_by"));
    }

    private static Instant instant(Object value) {
        try {
            return value instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
