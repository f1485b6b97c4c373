package dev.credbroker.store;

import dev.credbroker.audit.ChainHash;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every stored audit event is a link of its instance's chain: the store offers no other way to write one, and
 * refuses a row that is not the chain's next link, so {@code audit verify} covers every event written since V6.
 */
@MicronautTest(transactional = false, startApplication = false)
class AuditChainStoreTest {
    @Inject
    AuditStore audit;
    @Inject
    PhaseStore sessions;
    @Inject
    AuditChainRepository chains;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private AuditRow link(String instance, AuditStore.Head head, long seq, String prevHash, String detail) {
        return new AuditRow(null, null, "run-1", t0, "phase.opened", detail, UUID.randomUUID().toString(), "ws",
                instance, seq, prevHash, ChainHash.link(prevHash, detail));
    }

    private AuditRow next(String instance, AuditStore.Head head, String detail) {
        return link(instance, head, head.seq() + 1, head.hash(), detail);
    }

    @Test
    void theSessionStoreShouldOfferNoWayToWriteAnAuditRow() {
        List<Method> writers = Arrays.stream(PhaseStore.class.getMethods())
                .filter(m -> Arrays.asList(m.getParameterTypes()).contains(AuditRow.class)).toList();
        assertEquals(List.of(), writers, "audit rows are written by AuditStore.append only");
        assertEquals(1, AuditRow.class.getConstructors().length, "no constructor leaves the chain fields out");
    }

    @Test
    void appendShouldRefuseARowThatIsNotTheChainsNextLink() {
        String instance = "chain-test-" + UUID.randomUUID();
        List<Function<AuditStore.Head, AuditRow>> wrong = List.of(
                head -> new AuditRow(null, null, "run-1", t0, "phase.opened", "{}", "e1", "ws", instance, null,
                        null, null),
                head -> link(instance, head, head.seq() + 2, head.hash(), "{\"gap\":true}"),
                head -> link(instance, head, head.seq() + 1, ChainHash.link(head.hash(), "x"), "{\"fork\":true}"),
                head -> next("another-instance", head, "{\"elsewhere\":true}"));
        for (Function<AuditStore.Head, AuditRow> row : wrong) {
            assertThrows(RuntimeException.class, () -> audit.append(instance, ChainHash.GENESIS, row));
        }
        assertEquals(0, chains.findById(instance).map(AuditChainRow::seq).orElse(0L), "the head never moved");

        AuditRow stored = audit.append(instance, ChainHash.GENESIS, head -> next(instance, head, "{\"ok\":1}"));
        assertEquals(1L, stored.chainSeq(), "the first link after the refusals takes the first place");
        assertEquals(ChainHash.GENESIS, stored.prevHash());
        assertEquals(stored.hash(), chains.findById(instance).orElseThrow().hash());
    }

    @Test
    void anAuditEventOfAnOpenWithManyConfigurationsFitsItsColumn() {
        String instance = "chain-test-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        sessions.insert(new PhaseRow(session, UUID.randomUUID().toString(), "run-1", "plan", "https://issuer",
                "sub", PhaseState.OPENING, t0, t0, t0.plusSeconds(3600), null, null, 0, null, null, null, null));
        String detail = "{\"lease_ids\":\"" + "aws/creds/deploy/0123456789abcdef ".repeat(400) + "\"}";
        audit.append(instance, ChainHash.GENESIS, head -> new AuditRow(null, session, "run-1", t0, "phase.opened",
                detail, UUID.randomUUID().toString(), "ws", instance, head.seq() + 1, head.hash(),
                ChainHash.link(head.hash(), detail)));
        assertEquals(detail, sessions.auditTrail(session).get(0).detail());
    }
}
