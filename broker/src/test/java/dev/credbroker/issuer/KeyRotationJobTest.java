package dev.credbroker.issuer;

import dev.credbroker.audit.AuditLog;
import dev.credbroker.audit.event.AuditEvent;
import dev.credbroker.audit.event.KeyRotated;
import dev.credbroker.vaultsim.SimClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A scheduled rotation that happens is an {@code issuer.key-rotated} audit event; a check that finds none due is not. */
class KeyRotationJobTest {

    @Test
    void aRotationIsAuditedWithItsKidsAndACheckWithNothingDueIsNot(@TempDir Path dir) {
        SimClock clock = new SimClock(Instant.parse("2026-01-01T00:00:00Z"));
        KeyRing ring = new KeyRing(KeyRingTest.config(dir, SigningAlgorithm.RS256), clock);
        String active = ring.activeKey().kid();
        List<AuditEvent> recorded = new ArrayList<>();
        AuditLog audit = new AuditLog(null, null, null, clock) {
            @Override
            public void record(AuditEvent event) {
                recorded.add(event);
            }
        };
        KeyRotationJob job = new KeyRotationJob(ring, audit);

        job.rotateIfDue();
        assertEquals(List.of(), recorded, "nothing due, nothing audited");

        clock.advance(Duration.ofDays(1));
        job.rotateIfDue();

        assertEquals(1, recorded.size());
        KeyRotated rotated = assertInstanceOf(KeyRotated.class, recorded.get(0));
        assertEquals(ring.activeKey().kid(), rotated.activeKid());
        assertEquals(active, rotated.retiredKid(), "the key that signed until now");
    }
}
