package dev.credbroker.vaultsim.engine.aws;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.engine.SimRequest.Operation;
import dev.credbroker.vaultsim.engine.SimResponse;
import dev.credbroker.vaultsim.engine.TestMount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsEngineTest {

    private static final String ROLE_A = "arn:aws:iam::123456789012:role/deployer";
    private static final String ROLE_B = "arn:aws:iam::123456789012:role/auditor";

    private final AwsEngine sut = new AwsEngine();
    private TestMount mount;

    @BeforeEach
    void setUp() {
        mount = new TestMount("aws", sut);
    }

    private void configureRoot() {
        mount.write("config/root", Map.of("access_key", "AKIAROOT000000000000", "secret_key", "root-secret",
                "region", "eu-west-1"));
    }

    @Test
    void configRootReadShouldReturnAccessKeyAndRegionButNeverSecretKey() {
        configureRoot();

        Map<String, Object> data = mount.read("config/root").data();

        assertEquals("AKIAROOT000000000000", data.get("access_key"));
        assertEquals("eu-west-1", data.get("region"));
        assertFalse(data.containsKey("secret_key"));
        assertFalse(data.values().contains("root-secret"));
    }

    @Test
    void configReadsShouldBeNotFoundBeforeAnyWrite() {
        assertEquals(404, mount.fails(Operation.READ, "config/root", Map.of()).status());
        assertEquals(404, mount.fails(Operation.READ, "config/lease", Map.of()).status());
    }

    @Test
    void configLeaseShouldAcceptDurationsAndReadBackInGoFormat() {
        mount.write("config/lease", Map.of("lease", "30m", "lease_max", "3600"));

        Map<String, Object> data = mount.read("config/lease").data();

        assertEquals("30m0s", data.get("lease"));
        assertEquals("1h0m0s", data.get("lease_max"));
    }

    @Test
    void configLeaseShouldRequireBothFieldsAndValidDurations() {
        VaultError missing = mount.fails(Operation.UPDATE, "config/lease", Map.of("lease", "1h"));
        assertEquals(400, missing.status());
        assertEquals(List.of("'lease_max' is a required parameter"), missing.errors());

        VaultError invalid = mount.fails(Operation.UPDATE, "config/lease", Map.of("lease", "soon", "lease_max", "1h"));
        assertEquals(List.of("Invalid lease: time: invalid duration \"soon\""), invalid.errors());
    }

    @Test
    void rolesShouldBeWrittenReadListedAndDeleted() {
        mount.write("roles/deploy", Map.of("credential_type", "assumed_role", "role_arns", ROLE_A + "," + ROLE_B,
                "default_sts_ttl", "30m", "max_sts_ttl", 7200,
                "policy_document", "{ \"Version\": \"2012-10-17\", \"Statement\": [] }"));
        mount.write("roles/audit", Map.of("credential_type", "iam_user", "policy_arns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")));

        Map<String, Object> role = mount.read("roles/deploy").data();
        assertEquals("assumed_role", role.get("credential_type"));
        assertEquals(List.of(ROLE_A, ROLE_B), role.get("role_arns"));
        assertEquals(1800L, role.get("default_sts_ttl"));
        assertEquals(7200L, role.get("max_sts_ttl"));
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[]}", role.get("policy_document"));
        assertEquals(Map.of("keys", List.of("audit", "deploy")), mount.call(Operation.LIST, "roles/", Map.of()).data());

        mount.call(Operation.DELETE, "roles/deploy", Map.of());

        assertEquals(404, mount.fails(Operation.READ, "roles/deploy", Map.of()).status());
        assertEquals(Map.of("keys", List.of("audit")), mount.call(Operation.LIST, "roles", Map.of()).data());
    }

    @Test
    void roleWriteShouldRejectInvalidCombinationsWithVaultsMultiErrorMessage() {
        VaultError e = mount.fails(Operation.UPDATE, "roles/bad",
                Map.of("credential_type", "iam_user", "role_arns", List.of(ROLE_A)));

        assertEquals(400, e.status());
        assertEquals(List.of("error(s) validating supplied role data: \"1 error occurred:\\n\\t* cannot supply "
                + "role_arns when credential_type isn't assumed_role\\n\\n\""), e.errors());
        assertEquals(400, mount.fails(Operation.UPDATE, "roles/bad", Map.of("credential_type", "iam_user",
                "policy_document", "{not json")).status());
    }

    @Test
    void iamUserCredsShouldBeLeasedRenewableAndLiveInTheCloud() {
        configureRoot();
        mount.write("config/lease", Map.of("lease", "30m", "lease_max", "1h"));
        mount.write("roles/deploy", Map.of("credential_type", "iam_user", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        SimResponse r = mount.read("creds/deploy");

        String accessKey = (String) r.data().get("access_key");
        assertTrue(accessKey.matches("AKIA[A-Z0-9]{16}"), accessKey);
        assertEquals(40, ((String) r.data().get("secret_key")).length());
        assertTrue(r.data().containsKey("security_token"));
        assertNull(r.data().get("security_token"));
        assertEquals(new SimResponse.Lease(Duration.ofMinutes(30), Duration.ofHours(1), true), r.lease().orElseThrow());
        assertEquals(accessKey, r.internal().get("access_key"));
        assertTrue(mount.cloud().isLive(accessKey, mount.now()));
        assertEquals("aws-iam-user", mount.cloud().kindOf(accessKey).orElseThrow());
    }

    @Test
    void iamUserCredsShouldDefaultToAnHourLeaseWithoutLeaseConfig() {
        configureRoot();
        mount.write("roles/deploy", Map.of("credential_type", "iam_user", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        SimResponse r = mount.write("creds/deploy", Map.of());

        assertEquals(Duration.ofHours(1), r.lease().orElseThrow().ttl());
        assertTrue(r.lease().orElseThrow().renewable());
    }

    @Test
    void revokeShouldDeleteTheIamUsersAccessKey() {
        configureRoot();
        mount.write("roles/deploy", Map.of("credential_type", "iam_user", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        SimResponse first = mount.read("creds/deploy");
        SimResponse second = mount.read("creds/deploy");

        sut.revoke(first.internal(), mount);

        assertFalse(mount.cloud().isLive((String) first.data().get("access_key"), mount.now()));
        assertTrue(mount.cloud().isLive((String) second.data().get("access_key"), mount.now()));
    }

    @Test
    /** secret_access_keys.go: leased (all supported Vaults but 1.13.0–1.13.1), not renewable, TTL = STS lifetime. */
    void assumedRoleCredsShouldHaveANonRenewableLeaseOfTheStsTtlAndExpireInTheCloud() {
        configureRoot();
        mount.write("roles/deploy", Map.of("credential_type", "assumed_role", "role_arns", ROLE_A, "default_sts_ttl", "30m"));

        SimResponse r = mount.write("sts/deploy", Map.of("role_session_name", "run 42"));

        assertEquals(new SimResponse.Lease(Duration.ofMinutes(30), Duration.ofMinutes(30), false), r.lease().orElseThrow());
        String accessKey = (String) r.data().get("access_key");
        assertTrue(accessKey.matches("ASIA[A-Z0-9]{16}"), accessKey);
        assertEquals(40, ((String) r.data().get("secret_key")).length());
        assertTrue(((String) r.data().get("security_token")).length() > 300);
        assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/run_42", r.data().get("arn"));
        assertEquals(1800L, r.data().get("ttl"));
        assertEquals("aws-sts", mount.cloud().kindOf(accessKey).orElseThrow());

        mount.clock().advance(Duration.ofMinutes(31));

        assertFalse(mount.cloud().isLive(accessKey, mount.now()));
    }

    @Test
    void stsTtlShouldDefaultToAnHourAndBeCappedByMaxStsTtl() {
        configureRoot();
        mount.write("roles/fed", Map.of("credential_type", "federation_token", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "max_sts_ttl", "2h"));

        SimResponse fed = mount.read("creds/fed");
        assertEquals(new SimResponse.Lease(Duration.ofHours(1), Duration.ofHours(1), false), fed.lease().orElseThrow());
        SimResponse capped = mount.write("sts/fed", Map.of("ttl", "12h"));
        assertEquals(Duration.ofHours(2), capped.lease().orElseThrow().ttl());
        assertEquals(7200L, capped.data().get("ttl"));
    }

    @Test
    void stsPathShouldRejectAnIamUserRole() {
        configureRoot();
        mount.write("roles/deploy", Map.of("credential_type", "iam_user", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        VaultError e = mount.fails(Operation.UPDATE, "sts/deploy", Map.of());

        assertEquals(400, e.status());
        assertTrue(e.errors().get(0).startsWith("attempted to retrieve iam_user credentials through the sts path"));
        assertEquals(0, mount.cloud().liveCount(mount.now()));
    }

    @Test
    void roleArnShouldBeRequiredAndAllowedWhenSeveralAreConfigured() {
        configureRoot();
        mount.write("roles/multi", Map.of("credential_type", "assumed_role", "role_arns", List.of(ROLE_A, ROLE_B)));

        assertEquals(List.of("did not supply a role_arn parameter and unable to determine one"),
                mount.fails(Operation.UPDATE, "sts/multi", Map.of()).errors());
        VaultError other = mount.fails(Operation.UPDATE, "sts/multi", Map.of("role_arn", "arn:aws:iam::999999999999:role/x"));
        assertEquals(List.of("role_arn \"arn:aws:iam::999999999999:role/x\" not in allowed role arns for Vault role \"multi\""),
                other.errors());
        assertEquals("arn:aws:sts::123456789012:assumed-role/auditor",
                ((String) mount.write("sts/multi", Map.of("role_arn", ROLE_B)).data().get("arn")).replaceAll("/[^/]+$", ""));
    }

    @Test
    void unknownRoleShouldFailWithVaultsMessage() {
        configureRoot();

        VaultError e = mount.fails(Operation.READ, "creds/nope", Map.of());

        assertEquals(400, e.status());
        assertEquals(List.of("Role \"nope\" not found"), e.errors());
    }

    @Test
    void credsWithoutRootConfigShouldFailAsTheSdkChainWould() {
        mount.write("roles/deploy", Map.of("credential_type", "iam_user", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        VaultError e = mount.fails(Operation.READ, "creds/deploy", Map.of());

        assertEquals(400, e.status());
        assertTrue(e.errors().get(0).startsWith("Error creating IAM user: NoCredentialProviders"), e.errors().get(0));
    }

    @Test
    void federationTokenShouldRequireAPolicyAndStsTtlAtLeastFifteenMinutes() {
        configureRoot();
        mount.write("roles/bare", Map.of("credential_type", "federation_token"));
        mount.write("roles/fed", Map.of("credential_type", "federation_token", "policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        assertEquals(List.of("must specify at least one of policy_arns or policy_document with federation_token credential_type"),
                mount.fails(Operation.READ, "creds/bare", Map.of()).errors());
        assertTrue(mount.fails(Operation.UPDATE, "sts/fed", Map.of("ttl", 60)).errors().get(0)
                .contains("Member must have value greater than or equal to 900"));
        assertEquals(400, mount.fails(Operation.UPDATE, "sts/fed", Map.of("ttl", "forever")).status());
    }

    @Test
    void unroutedPathsAndOperationsShouldFailLikeVault() {
        VaultError unknown = mount.fails(Operation.READ, "nothing/here", Map.of());
        assertEquals(404, unknown.status());
        assertEquals(List.of("unsupported path"), unknown.errors());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.READ, "creds/team/deploy", Map.of()).errors());
        assertEquals(List.of("unsupported path"), mount.fails(Operation.UPDATE, "roles/-bad", Map.of()).errors());

        VaultError wrongOp = mount.fails(Operation.DELETE, "creds/deploy", Map.of());
        assertEquals(405, wrongOp.status());
        assertEquals(List.of("unsupported operation"), wrongOp.errors());
        assertEquals(List.of("unsupported operation"), mount.fails(Operation.READ, "roles/", Map.of()).errors());
        assertEquals(List.of("unsupported operation"), mount.fails(Operation.LIST, "config/root", Map.of()).errors());
    }

    @Test
    void renewShouldResetToTheConfiguredLease() {
        assertEquals(Duration.ofMinutes(5), sut.renew(Map.of(), Duration.ofMinutes(5), mount));
        mount.write("config/lease", Map.of("lease", "20m", "lease_max", "1h"));
        assertEquals(Duration.ofMinutes(20), sut.renew(Map.of(), Duration.ofMinutes(5), mount));
    }
}
