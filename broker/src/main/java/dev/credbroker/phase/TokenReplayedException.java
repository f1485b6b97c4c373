package dev.credbroker.phase;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

/** The workload token already opened a phase: one token, one phase (invariant 3, docs/INVARIANTS.md). */
public class TokenReplayedException extends BrokerException {
    public TokenReplayedException(String jti) {
        super(ErrorKind.UNAUTHENTICATED, "workload token " + jti + " has already opened a phase");
    }

    @Override
    public String code() {
        return "workload-token-replayed";
    }
}
