package dev.credbroker.phase;

import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Revokes what no runner will close: phases whose heartbeat lapsed or whose deadline passed, closings Vault
 * has not confirmed yet (retried with backoff), and openings a crash left behind. Runs on every instance;
 * session claims keep two instances off the same session. Not in the command line's context.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final PhaseStore store;
    private final Revoker revoker;
    private final Liveness liveness;
    private final Clock clock;

    public Reaper(PhaseStore store, Revoker revoker, PhaseSettings settings, Clock clock) {
        this.store = store;
        this.revoker = revoker;
        this.liveness = new Liveness(settings);
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${broker.phases.reaper-interval:15s}", initialDelay = "${broker.phases.reaper-initial-delay:1s}")
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("reaper sweep failed, next sweep retries: {}", e.getMessage());
        }
    }

    /**
     * Revokes every session due now, batch after batch, so a lost runner host with many open phases is cleaned
     * up in one sweep. A batch that revokes nothing ends it: what is left is claimed elsewhere or failing.
     *
     * @return how many sessions this sweep revoked
     */
    public int sweep() {
        int total = 0;
        int batchRevoked;
        List<PhaseRow> batch;
        do {
            Instant now = clock.instant();
            batch = store.due(liveness.lapsedBefore(now), now);
            batchRevoked = 0;
            for (PhaseRow session : batch) {
                if (revoker.reap(session.id(), reason(session, now))) {
                    batchRevoked++;
                }
            }
            total += batchRevoked;
        } while (batch.size() == PhaseStore.DUE_BATCH && batchRevoked > 0);
        return total;
    }

    private String reason(PhaseRow session, Instant now) {
        if (session.state() == PhaseState.OPENING) {
            return "abandoned-while-opening";
        }
        if (session.state() == PhaseState.CLOSING) {
            return "retry";
        }
        return session.deadlineAt().isBefore(now) ? "deadline-passed" : "heartbeat-lapsed";
    }
}
