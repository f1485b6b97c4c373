package dev.credbroker.phase;

import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.SessionRow;

import java.util.List;

/** A session with its tokens (by accessor) and leases, as stored. Nothing secret. */
public record PhaseView(SessionRow session, List<LoginRow> logins, List<LeaseRow> leases) {
}
