package dev.credbroker.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Vault calls the broker makes, with the policy meant to allow each. Too little and a phase fails in
 * production only; too much and a plan token (or the revocation identity) can do what it was never meant to.
 */
class PolicyGrantsTest {
    private static final Set<String> NOBODY = Set.of();

    static Stream<Arguments> brokerCalls() {
        return Stream.of(
                arguments("aws/creds/demo", "read", Set.of("aws-run")),
                arguments("aws/sts/demo", "update", Set.of("aws-run")),
                arguments("azure/creds/demo", "read", Set.of("azure-run")),
                arguments("gcp/roleset/demo/token", "read", Set.of("gcp-run")),
                arguments("gcp/roleset/demo/key", "read", Set.of("gcp-run")),
                arguments("gcp/roleset/demo/key", "update", Set.of("gcp-run")),
                arguments("gcp/static-account/demo/token", "read", Set.of("gcp-run")),
                arguments("gcp/static-account/demo/key", "read", Set.of("gcp-run")),
                arguments("gcp/impersonated-account/demo/token", "read", Set.of("gcp-run")),
                arguments("auth/token/lookup-self", "read", Policies.RUN),
                arguments("auth/token/renew-self", "update", Policies.RUN),
                arguments("auth/token/revoke-self", "update", Policies.RUN),
                arguments("sys/leases/renew", "update", Policies.RUN),
                arguments("auth/token/revoke-accessor", "update", Set.of(Policies.REVOCATION)),
                arguments("sys/leases/revoke", "update", Set.of(Policies.REVOCATION)));
    }

    /** Neighbours of the paths above that no token the broker holds may touch. */
    static Stream<String> offLimits() {
        return Stream.of("aws/config/root", "aws/roles/demo", "aws/config/rotate-root", "azure/config",
                "azure/roles/demo", "gcp/config", "gcp/roleset/demo", "gcp/roleset/demo/rotate",
                "gcp/roleset/demo/rotate-key", "gcp/static-account/demo", "auth/token/create",
                "auth/token/revoke", "auth/token/lookup-accessor", "auth/token/roles/x", "auth/jwt/role/demo-plan",
                "auth/jwt/config", "auth/approle/role/credbroker-reaper/secret-id", "sys/leases/revoke-prefix/aws",
                "sys/leases/revoke-force/aws", "sys/leases/lookup", "sys/policies/acl/broker-revocation",
                "sys/audit/file", "sys/mounts/aws", "secret/data/terraform/app", "identity/entity");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("brokerCalls")
    void grantedByExactlyTheIntendedPolicies(String path, String capability, Set<String> intended) {
        assertEquals(intended, Policies.grantingAnything(path), "policies granting anything on " + path);
        for (String name : intended) {
            Set<String> caps = Policies.ALL.get(name).capabilitiesFor(path);
            assertTrue(caps.contains(capability), name + " gives " + caps + " on " + path + ", needs " + capability);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offLimits")
    void grantedByNoPolicy(String path) {
        assertEquals(NOBODY, Policies.grantingAnything(path), "policies granting anything on " + path);
    }

    @Test
    void everyIntendedPolicyExists() {
        // the tables above name these files; a rename must fail here, not pass because the set went empty
        assertTrue(Policies.ALL.keySet().containsAll(Policies.RUN), "found " + Policies.ALL.keySet());
        assertTrue(Policies.ALL.containsKey(Policies.REVOCATION), "found " + Policies.ALL.keySet());
    }
}
