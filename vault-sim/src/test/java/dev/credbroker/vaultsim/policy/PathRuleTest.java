package dev.credbroker.vaultsim.policy;

import dev.credbroker.vaultsim.VaultError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vault's policy path syntax and priority rules, from the policies concept page. */
class PathRuleTest {

    private static PathRule rule(String pattern, Capability... caps) {
        return new PathRule(pattern, java.util.Set.of(caps));
    }

    @Test
    void exactGlobAndPlusSegments() {
        assertTrue(rule("aws/creds/demo").matches("aws/creds/demo"));
        assertFalse(rule("aws/creds/demo").matches("aws/creds/demo2"));
        assertTrue(rule("aws/creds/*").matches("aws/creds/demo"));
        assertTrue(rule("aws/creds/de*").matches("aws/creds/demo"));
        assertTrue(rule("gcp/roleset/+/key").matches("gcp/roleset/demo/key"));
        assertFalse(rule("gcp/roleset/+/key").matches("gcp/roleset/a/b/key"));
        assertFalse(rule("gcp/roleset/+/key").matches("gcp/roleset//key"));
        assertTrue(rule("secret/+/team/*").matches("secret/x/team/a/b"));
    }

    @Test
    void theMostSpecificMatchingPatternDecidesAndDenyWins() {
        Acl acl = Acl.of(List.of(rule("secret/*", Capability.READ), rule("secret/private", Capability.DENY),
                rule("secret/open/*", Capability.READ, Capability.UPDATE)));
        assertTrue(acl.allows("secret/anything", Capability.READ));
        assertFalse(acl.allows("secret/private", Capability.READ));
        assertTrue(acl.allows("secret/open/x", Capability.UPDATE));
        assertFalse(acl.allows("secret/anything", Capability.UPDATE));
        assertFalse(acl.allows("other/x", Capability.READ));
    }

    @Test
    void capabilitiesOfTheSamePatternInTwoPoliciesAreUnioned() {
        Acl acl = Acl.of(List.of(rule("a/b", Capability.READ), rule("a/b", Capability.UPDATE)));
        assertTrue(acl.allows("a/b", Capability.READ));
        assertTrue(acl.allows("a/b", Capability.UPDATE));
    }

    @Test
    void theParserReadsPathBlocksAndRefusesWhatItCannotEnforce() {
        List<PathRule> rules = PolicyParser.parse("""
                # comment
                path "aws/creds/demo" { capabilities = ["read"] }
                path "sys/leases/renew" {
                  capabilities = ["update"]
                }
                """);
        assertEquals(2, rules.size());
        assertEquals(java.util.Set.of(Capability.UPDATE), rules.get(1).capabilities());
        VaultError bad = assertThrows(VaultError.class, () -> PolicyParser.parse(
                "path \"a\" { capabilities = [\"read\"]\n allowed_parameters = { x = [] } }"));
        assertEquals(400, bad.status());
        assertThrows(VaultError.class, () -> PolicyParser.parse("path \"a\" { capabilities = [\"fly\"] }"));
    }
}
