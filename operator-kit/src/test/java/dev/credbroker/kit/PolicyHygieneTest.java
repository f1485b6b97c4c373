package dev.credbroker.kit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules every policy in the kit obeys, whatever its role. */
class PolicyHygieneTest {
    private static final Set<String> KNOWN_CAPABILITIES = Set.of(
            "create", "read", "update", "patch", "delete", "list", "sudo", "deny", "subscribe", "recover");

    @Test
    void theRevocationIdentityHasExactlyItsTwoRevocations() {
        assertEquals(Map.of(
                        "auth/token/revoke-accessor", Set.of("update"),
                        "sys/leases/revoke", Set.of("update")),
                Policies.ALL.get(Policies.REVOCATION).rules());
    }

    @TestFactory
    Stream<DynamicTest> runPoliciesManageOnlyTheirOwnTokenAndLeases() {
        Map<String, Set<String>> lifecycle = Map.of(
                "auth/token/lookup-self", Set.of("read"),
                "auth/token/renew-self", Set.of("update"),
                "auth/token/revoke-self", Set.of("update"),
                "sys/leases/renew", Set.of("update"));
        return each(Policies.RUN.stream().map(Policies.ALL::get).toList(), p -> () -> {
            lifecycle.forEach((path, caps) -> assertEquals(caps, p.rules().get(path), p.name() + " on " + path));
            p.rules().keySet().stream().filter(path -> path.startsWith("auth/") || path.startsWith("sys/"))
                    .forEach(path -> assertTrue(lifecycle.containsKey(path), p.name() + " also grants " + path));
        });
    }

    @TestFactory
    Stream<DynamicTest> nothingUnderSysIsWildcarded() {
        return eachPolicy(p -> () -> p.rules().keySet().stream().filter(path -> path.startsWith("sys/"))
                .forEach(path -> assertFalse(path.contains("*") || path.contains("+"), p.name() + ": " + path)));
    }

    @TestFactory
    Stream<DynamicTest> noSudoNoUnknownCapability() {
        return eachPolicy(p -> () -> p.rules().forEach((path, caps) -> {
            assertFalse(caps.contains("sudo"), p.name() + " gives sudo on " + path);
            assertTrue(KNOWN_CAPABILITIES.containsAll(caps), p.name() + " has a misspelt capability on " + path);
            assertFalse(caps.isEmpty(), p.name() + " declares " + path + " with no capability");
        }));
    }

    @TestFactory
    Stream<DynamicTest> noPathReachesAcrossMounts() {
        return eachPolicy(p -> () -> p.rules().keySet().forEach(path -> assertTrue(
                new VaultPathPattern(path).firstSegmentLiteral(), p.name() + ": wildcard mount in " + path)));
    }

    @TestFactory
    Stream<DynamicTest> globOnlyAtTheEnd() {
        // Vault reads a mid-path * literally, so such a rule silently grants nothing; + is the segment wildcard
        return eachPolicy(p -> () -> p.rules().keySet().forEach(path -> assertFalse(
                path.substring(0, path.length() - 1).contains("*"), p.name() + ": mid-path * in " + path)));
    }

    @TestFactory
    Stream<DynamicTest> noPathDeclaredTwice() {
        // the parser keeps only the last block for a repeated path, which would hide the first from these tests
        return eachPolicy(p -> () -> {
            assertEquals(p.declaredPaths().size(), new HashSet<>(p.declaredPaths()).size(), p.declaredPaths()
                    .toString());
            assertEquals(Set.copyOf(p.declaredPaths()), p.rules().keySet(), p.name() + " declared vs parsed");
        });
    }

    private static Stream<DynamicTest> eachPolicy(Function<Policy, Executable> check) {
        return each(List.copyOf(Policies.ALL.values()), check);
    }

    private static Stream<DynamicTest> each(List<Policy> policies,
                                            Function<Policy, Executable> check) {
        assertFalse(policies.isEmpty(), "no policies to check");
        return policies.stream().map(p -> DynamicTest.dynamicTest(p.name(), check.apply(p)));
    }
}
