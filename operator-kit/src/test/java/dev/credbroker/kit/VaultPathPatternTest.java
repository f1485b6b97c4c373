package dev.credbroker.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grant checks are only as good as this matcher, so it is pinned to Vault's documented examples. */
class VaultPathPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "aws/creds/*,            aws/creds/demo,            true",
            "aws/creds/*,            aws/creds/,                true",
            "aws/creds/*,            aws/creds,                 false",
            "aws/creds/*,            aws/sts/demo,              false",
            "aws/creds/*,            aws/creds/demo/extra,      true",
            "secret/foo*,            secret/foobar/baz,         true",
            "gcp/roleset/+/token,    gcp/roleset/demo/token,    true",
            "gcp/roleset/+/token,    gcp/roleset/a/b/token,     false",
            "gcp/roleset/+/token,    gcp/roleset//token,        false",
            "gcp/roleset/+/token,    gcp/roleset/demo/key,      false",
            "gcp/roleset/*/token,    gcp/roleset/demo/token,    false",
            "gcp/roleset/*/token,    gcp/roleset/*/token,       true",
            "+/*,                    aws/creds/demo,            true",
            "+/*,                    aws,                       false",
            "sys/leases/revoke,      sys/leases/revoke,         true",
            "sys/leases/revoke,      sys/leases/revoke-prefix,  false",
            "sys/leases/revoke*,     sys/leases/revoke-force/x, true",
    })
    void matchesLikeVault(String pattern, String path, boolean expected) {
        assertEquals(expected, new VaultPathPattern(pattern).matches(path));
    }

    @Test
    void mostSpecificPatternWinsInVaultsOrder() {
        // Vault's documented precedence example plus the tie-breakers, shuffled
        List<String> expected = List.of("secret/foo/bar", "secret/foo/+", "secret/foo/*", "secret/+/bar", "secret/*");
        List<String> sorted = Stream.of("secret/*", "secret/+/bar", "secret/foo/bar", "secret/foo/*", "secret/foo/+")
                .map(VaultPathPattern::new)
                .sorted(VaultPathPattern.MOST_SPECIFIC_FIRST)
                .map(VaultPathPattern::pattern)
                .toList();
        assertEquals(expected, sorted);
    }

    @Test
    void narrowRuleOverridesBroadRuleInsteadOfAddingToIt() {
        Policy policy = new Policy("p", Map.of(
                "secret/*", Set.of("read", "update"),
                "secret/locked", Set.of("deny")), List.of());
        assertEquals(Set.of("read", "update"), policy.capabilitiesFor("secret/open"));
        assertEquals(Set.of(), policy.capabilitiesFor("secret/locked"));
    }

    @ParameterizedTest(name = "{0} first segment literal: {1}")
    @CsvSource({"aws/creds/*, true", "*, false", "+/*, false", "aws*, false", "+/creds/*, false", "sys, true"})
    void mountMustBeLiteral(String pattern, boolean expected) {
        assertEquals(expected, new VaultPathPattern(pattern).firstSegmentLiteral());
    }
}
