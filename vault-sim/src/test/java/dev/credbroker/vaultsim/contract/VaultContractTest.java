package dev.credbroker.vaultsim.contract;

import dev.credbroker.vaultsim.contract.VaultHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour any Vault 1.17 server shows through its HTTP API, without reaching a cloud: JWT auth, the token
 * store, ACL policies, lease endpoints and the audit hash. Subclasses point it at vault-sim and at a real
 * Vault in a container; both must pass the same assertions. Each test mounts its own JWT auth path, so the
 * suite can share one server.
 */
public abstract class VaultContractTest {
    protected VaultHttp vault;
    protected String root;
    protected String jwtPath;
    protected final TestIssuer issuer = new TestIssuer();

    protected abstract java.net.URI address();

    protected abstract String rootToken();

    /** The server's idea of now, which JWT validation is measured against. */
    protected abstract Instant now();

    @BeforeEach
    void configureJwtAuth() {
        vault = new VaultHttp(address());
        root = rootToken();
        jwtPath = "jwt-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(204, vault.write("sys/auth/" + jwtPath, root, Map.of("type", "jwt")).status());
        assertEquals(204, vault.write("auth/" + jwtPath + "/config", root, Map.of(
                "jwt_validation_pubkeys", List.of(issuer.publicPem()), "bound_issuer", TestIssuer.ISSUER)).status());
        assertEquals(204, vault.put("sys/policies/acl/run-" + jwtPath, root, Map.of("policy",
                "path \"secret-for-" + jwtPath + "/*\" { capabilities = [\"read\"] }")).status());
        assertEquals(204, vault.write("auth/" + jwtPath + "/role/plan", root,
                TestIssuer.planRole("run-" + jwtPath)).status());
    }

    private Reply login(String role, String jwt) {
        return vault.write("auth/" + jwtPath + "/login", null, Map.of("role", role, "jwt", jwt));
    }

    private String planToken() {
        Reply reply = login("plan", issuer.token("plan", now()));
        assertEquals(200, reply.status(), () -> "login failed: " + reply.body());
        return reply.clientToken();
    }

    private static void assertError(Reply reply, int status, String messagePart) {
        assertEquals(status, reply.status(), () -> "body: " + reply.body());
        assertTrue(reply.errors().stream().anyMatch(e -> e.contains(messagePart)),
                () -> "expected an error containing '" + messagePart + "' in " + reply.errors());
    }

    @Test
    void healthReportsAnInitializedUnsealedServer() {
        Reply health = vault.get("sys/health", null);
        assertEquals(200, health.status());
        assertEquals(true, health.body().get("initialized"));
        assertEquals(false, health.body().get("sealed"));
        assertTrue(health.body().get("version").toString().startsWith("1."));
        Reply sealStatus = vault.get("sys/seal-status", null);
        assertEquals(200, sealStatus.status());
        assertEquals(false, sealStatus.body().get("sealed"));
        assertEquals("shamir", sealStatus.body().get("type"));
        assertEquals(429, vault.get("sys/health?activecode=429", null).status());
    }

    @Test
    void requestsWithoutOrWithAnUnknownTokenArePermissionDenied() {
        assertError(vault.get("auth/token/lookup-self", null), 403, "permission denied");
        assertError(vault.get("auth/token/lookup-self", "hvs.not-a-real-token"), 403, "permission denied");
    }

    @Test
    void jwtConfigNeedsExactlyOneKeySource() {
        assertError(vault.write("auth/" + jwtPath + "/config", root, Map.of("bound_issuer", "x")), 400,
                "exactly one of");
        Reply config = vault.get("auth/" + jwtPath + "/config", root);
        assertEquals(TestIssuer.ISSUER, config.data().get("bound_issuer"));
    }

    @Test
    void rolesNeedAUserClaimAndAJwtRoleNeedsABoundConstraint() {
        assertError(vault.write("auth/" + jwtPath + "/role/r1", root, Map.of("role_type", "jwt",
                "bound_audiences", "x")), 400, "a user claim must be defined on the role");
        assertError(vault.write("auth/" + jwtPath + "/role/r2", root, Map.of("role_type", "jwt",
                "user_claim", "sub")), 400, "must have at least one bound constraint");
    }

    @Test
    void roleIsReadBackAndListed() {
        Reply role = vault.get("auth/" + jwtPath + "/role/plan", root);
        assertEquals(200, role.status());
        assertEquals("jwt", role.data().get("role_type"));
        assertEquals(List.of(TestIssuer.AUDIENCE), role.data().get("bound_audiences"));
        assertEquals(1200, ((Number) role.data().get("token_ttl")).intValue());
        Reply list = vault.list("auth/" + jwtPath + "/role", root);
        assertEquals(List.of("plan"), list.data().get("keys"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void loginReturnsAServiceTokenWithPoliciesAndMappedClaims() {
        Reply reply = login("plan", issuer.token("plan", now()));
        assertEquals(200, reply.status(), () -> reply.body().toString());
        Map<String, Object> auth = reply.auth();
        assertTrue(reply.clientToken().startsWith("hvs."));
        assertFalse(auth.get("accessor").toString().isEmpty());
        assertTrue(((List<String>) auth.get("policies")).containsAll(List.of("default", "run-" + jwtPath)));
        // token_policies holds the token's own policies, "default" included (request_handling.go login path).
        assertEquals(auth.get("policies"), auth.get("token_policies"));
        Map<String, String> meta = (Map<String, String>) auth.get("metadata");
        assertTrue(meta.get("run_id").startsWith("run-"));
        assertEquals("plan", meta.get("run_phase"));
        assertEquals("plan", meta.get("role"));
        assertEquals(1200, ((Number) auth.get("lease_duration")).intValue());
        assertEquals(true, auth.get("renewable"));
    }

    @Test
    void loginFailuresUseVaultsMessages() {
        String good = issuer.token("plan", now());
        assertError(vault.write("auth/" + jwtPath + "/login", null, Map.of("jwt", good)), 400, "missing role");
        assertError(login("nope", good), 400, "role \"nope\" could not be found");
        assertError(vault.write("auth/" + jwtPath + "/login", null, Map.of("role", "plan")), 400, "missing token");
    }

    @Test
    void loginRejectsATokenSignedByAnotherKey() {
        assertError(login("plan", new TestIssuer().token("plan", now())), 400, "error validating token");
    }

    @Test
    void loginRejectsWrongIssuerAudienceAndExpiredTokens() {
        Instant now = now();
        assertError(login("plan", issuer.sign(TestIssuer.claims("plan", now).issuer("https://evil.test").build())),
                400, "error validating token");
        assertError(login("plan", issuer.sign(TestIssuer.claims("plan", now).audience("other").build())),
                400, "error validating token");
        Instant longAgo = now.minus(Duration.ofHours(2));
        assertError(login("plan", issuer.sign(TestIssuer.claims("plan", longAgo)
                .expirationTime(java.util.Date.from(longAgo.plus(Duration.ofMinutes(10)))).build())),
                400, "error validating token");
    }

    /**
     * hashicorp/cap jwt.go Validate (vault-plugin-auth-jwt): exp, nbf and iat are checked with clock_skew_leeway
     * only (default 60 s); expiration_leeway and not_before_leeway are not added to them.
     */
    @Test
    void expAndNbfAreCheckedWithTheClockSkewLeewayOnly() {
        Instant now = now();
        Instant earlier = now.minusSeconds(1000);
        assertError(login("plan", issuer.sign(TestIssuer.claims("plan", earlier)
                .expirationTime(java.util.Date.from(now.minusSeconds(100))).build())),
                400, "invalid expiration time (exp) claim: token is expired");
        assertEquals(200, login("plan", issuer.sign(TestIssuer.claims("plan", earlier)
                .expirationTime(java.util.Date.from(now.minusSeconds(20))).build())).status());
        assertError(login("plan", issuer.sign(TestIssuer.claims("plan", now)
                .notBeforeTime(java.util.Date.from(now.plusSeconds(100))).build())),
                400, "invalid not before (nbf) claim: token not yet valid");
        assertEquals(200, login("plan", issuer.sign(TestIssuer.claims("plan", now)
                .notBeforeTime(java.util.Date.from(now.plusSeconds(20))).build())).status());
    }

    /** cap jwt.go Validate: a token without exp expires at max(iat, nbf) + expiration_leeway (default 150 s). */
    @Test
    void expirationLeewayOnlyStandsInForAMissingExp() {
        String withoutExp = issuer.sign(TestIssuer.claims("plan", now().minusSeconds(120))
                .expirationTime(null).notBeforeTime(null).build());
        assertEquals(200, login("plan", withoutExp).status());
        role("short-exp", Map.of("expiration_leeway", "30s"));
        assertError(login("short-exp", withoutExp), 400, "invalid expiration time (exp) claim: token is expired");
    }

    /** vault-plugin-auth-jwt claims.go extractMetadata: a claim_mappings source claim must be a string. */
    @Test
    void aClaimMappingOfANonStringClaimIsRefused() {
        role("numeric", Map.of("claim_mappings", Map.of("run_number", "run_number")));
        assertError(login("numeric", issuer.sign(TestIssuer.claims("plan", now()).claim("run_number", 42).build())),
                400, "error converting claim 'run_number' to string");
    }

    @Test
    void aTokenOfTheOtherPhaseFailsTheRolesBoundClaims() {
        assertError(login("plan", issuer.token("apply", now())), 400,
                "error validating claims: claim \"sub\" does not match any associated bound claim values");
    }

    @Test
    void oidcRolesAndUnboundAudiencesAreRefusedAtLogin() {
        Map<String, Object> oidc = new java.util.HashMap<>(TestIssuer.planRole("default"));
        oidc.put("role_type", "oidc");
        oidc.put("allowed_redirect_uris", "http://localhost/cb");
        assertEquals(204, vault.write("auth/" + jwtPath + "/role/web", root, oidc).status());
        assertError(login("web", issuer.token("plan", now())), 400, "role with oidc role_type is not allowed");

        assertEquals(204, vault.write("auth/" + jwtPath + "/role/subject-only", root, Map.of("role_type", "jwt",
                "user_claim", "terraform_full_workspace", "bound_subject",
                "organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan")).status());
        assertError(login("subject-only", issuer.token("plan", now())), 400,
                "audience claim found in JWT but no audiences bound to the role");
    }

    @Test
    void aMissingUserClaimIsReported() {
        Map<String, Object> role = new java.util.HashMap<>(TestIssuer.planRole("default"));
        role.put("user_claim", "no_such_claim");
        assertEquals(204, vault.write("auth/" + jwtPath + "/role/odd", root, role).status());
        assertError(login("odd", issuer.token("plan", now())), 400, "claim \"no_such_claim\" not found in token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void lookupSelfDescribesTheCallersToken() {
        String token = planToken();
        Reply self = vault.get("auth/token/lookup-self", token);
        assertEquals(200, self.status());
        int ttl = ((Number) self.data().get("ttl")).intValue();
        assertTrue(ttl > 1100 && ttl <= 1200, "ttl " + ttl);
        assertEquals("plan", ((Map<String, String>) self.data().get("meta")).get("run_phase"));
        assertEquals("service", self.data().get("type"));
    }

    /** token_store.go handleLookup answers an unknown token with 403 "bad token". */
    @Test
    void lookingUpAnUnknownTokenIsBadToken() {
        assertError(vault.write("auth/token/lookup", root, Map.of("token", "hvs.not-a-real-token")), 403,
                "bad token");
        assertEquals(200, vault.write("auth/token/lookup", root, Map.of("token", planToken())).status());
    }

    /** token_store.go handleCreateCommon: without a TTL, a non-root token gets the default lease TTL (768h). */
    @Test
    void aTokenCreatedWithoutATtlGetsTheDefaultLeaseTtl() {
        Reply created = vault.write("auth/token/create", root, Map.of("policies", List.of("default")));
        assertEquals(200, created.status(), () -> "body: " + created.body());
        assertEquals(768 * 3600, ((Number) created.auth().get("lease_duration")).intValue());
        assertEquals(true, created.auth().get("renewable"));
    }

    /** Periodic tokens (token concept page): the TTL is the period at creation and at every renewal. */
    @Test
    void aPeriodicTokenRenewsToItsPeriodWhateverTheIncrement() {
        Reply created = vault.write("auth/token/create", root, Map.of("policies", List.of("default"),
                "period", "1h"));
        assertEquals(3600, ((Number) created.auth().get("lease_duration")).intValue());
        Reply self = vault.get("auth/token/lookup-self", created.clientToken());
        assertEquals(3600, ((Number) self.data().get("period")).intValue());
        Reply renewed = vault.write("auth/token/renew-self", created.clientToken(), Map.of("increment", "5h"));
        assertEquals(200, renewed.status(), () -> "body: " + renewed.body());
        assertEquals(3600, ((Number) renewed.auth().get("lease_duration")).intValue());
    }

    /** expiration.go leaseEntry.renewable: renewing a token created renewable=false is "lease is not renewable". */
    @Test
    void aTokenCreatedNotRenewableCannotBeRenewed() {
        Reply created = vault.write("auth/token/create", root, Map.of("policies", List.of("default"),
                "ttl", "1h", "renewable", false));
        assertEquals(false, created.auth().get("renewable"));
        assertError(vault.write("auth/token/renew-self", created.clientToken(), Map.of()), 400,
                "lease is not renewable");
    }

    @Test
    void renewSelfIsCappedAtTheRolesMaxTtl() {
        String token = planToken();
        Reply renewed = vault.write("auth/token/renew-self", token, Map.of("increment", "2h"));
        assertEquals(200, renewed.status());
        int duration = ((Number) renewed.auth().get("lease_duration")).intValue();
        assertTrue(duration <= 3600 && duration > 3500, "lease_duration " + duration);
    }

    @Test
    void revokeSelfEndsTheToken() {
        String token = planToken();
        assertEquals(204, vault.write("auth/token/revoke-self", token, Map.of()).status());
        assertError(vault.get("auth/token/lookup-self", token), 403, "permission denied");
    }

    @Test
    void revokeAccessorNeedsItsPolicyAndEndsTheToken() {
        String token = planToken();
        String accessor = (String) vault.get("auth/token/lookup-self", token).data().get("accessor");
        assertEquals(204, vault.put("sys/policies/acl/reaper-" + jwtPath, root, Map.of("policy",
                "path \"auth/token/revoke-accessor\" { capabilities = [\"update\"] }\n"
                        + "path \"sys/leases/revoke\" { capabilities = [\"update\"] }")).status());
        String reaper = vault.write("auth/token/create", root, Map.of("policies", List.of("reaper-" + jwtPath),
                "ttl", "1h")).clientToken();

        assertError(vault.write("auth/token/revoke-accessor", token, Map.of("accessor", accessor)), 403,
                "permission denied");
        assertError(vault.get("sys/policies/acl/reaper-" + jwtPath, reaper), 403, "permission denied");
        assertEquals(204, vault.write("auth/token/revoke-accessor", reaper, Map.of("accessor", accessor)).status());
        assertError(vault.get("auth/token/lookup-self", token), 403, "permission denied");
        // Revoking it again: the accessor is gone with its token, so this is the unknown-accessor answer below.
        Reply again = vault.write("auth/token/revoke-accessor", reaper, Map.of("accessor", accessor));
        assertEquals(200, again.status(), () -> "body: " + again.body());
        assertEquals(List.of("No token found with this accessor"), again.body().get("warnings"));
    }

    /**
     * token_store.go handleUpdateRevokeAccessor: an unknown accessor is 200 with a warning and nothing else since
     * Vault 1.10 (hashicorp/vault PR #13661; 400 "invalid accessor" before); a missing one is 400.
     */
    @Test
    void revokeAccessorOfAnUnknownAccessorIsAWarningNotAnError() {
        Reply unknown = vault.write("auth/token/revoke-accessor", root, Map.of("accessor", "no-such-accessor"));
        assertEquals(200, unknown.status(), () -> "body: " + unknown.body());
        assertEquals(List.of("No token found with this accessor"), unknown.body().get("warnings"));
        assertEquals(null, unknown.body().get("auth"));
        assertError(vault.write("auth/token/revoke-accessor", root, Map.of()), 400, "missing accessor");
    }

    @Test
    void policiesGrantOnlyTheirPaths() {
        String token = planToken();
        assertError(vault.get("sys/policies/acl/run-" + jwtPath, token), 403, "permission denied");
        assertError(vault.write("sys/mounts/x-" + jwtPath, token, Map.of("type", "kv")), 403, "permission denied");
        Reply policy = vault.get("sys/policies/acl/run-" + jwtPath, root);
        assertTrue(policy.data().get("policy").toString().contains("secret-for-" + jwtPath));
    }

    /** handlePoliciesSet lower-cases the name; the legacy sys/policy path returns the text as "rules". */
    @Test
    void policyNamesAreLowerCasedAndTheLegacyPathSaysRules() {
        assertEquals(204, vault.put("sys/policies/acl/Mixed-" + jwtPath, root, Map.of("policy",
                "path \"x/*\" { capabilities = [\"read\"] }")).status());
        Reply read = vault.get("sys/policies/acl/mixed-" + jwtPath, root);
        assertEquals(200, read.status());
        assertEquals("mixed-" + jwtPath, read.data().get("name"));
        Reply legacy = vault.get("sys/policy/mixed-" + jwtPath, root);
        assertTrue(legacy.data().get("rules").toString().contains("x/*"));
        assertError(vault.put("sys/policies/acl/empty-" + jwtPath, root, Map.of("rules", "path \"x\" {}")), 400,
                "'policy' parameter not supplied or empty");
    }

    @Test
    void aTokenWithLimitedUsesIsGoneAfterItsLastUse() {
        String limited = vault.write("auth/token/create", root, Map.of("policies", List.of("default"),
                "num_uses", 2, "ttl", "1h")).clientToken();
        assertEquals(200, vault.get("auth/token/lookup-self", limited).status());
        assertEquals(200, vault.get("auth/token/lookup-self", limited).status());
        assertError(vault.get("auth/token/lookup-self", limited), 403, "permission denied");
    }

    /** request_handling.go spends a use before the ACL check, so a refused request counts too. */
    @Test
    void aRefusedRequestSpendsOneOfTheTokensUsesAndLookupSeesTheSpentCount() {
        String limited = vault.write("auth/token/create", root, Map.of("policies", List.of("default"),
                "num_uses", 3, "ttl", "1h")).clientToken();
        assertError(vault.get("sys/policies/acl/run-" + jwtPath, limited), 403, "permission denied");
        Reply self = vault.get("auth/token/lookup-self", limited);
        assertEquals(200, self.status());
        assertEquals(1, ((Number) self.data().get("num_uses")).intValue());
        assertEquals(200, vault.get("auth/token/lookup-self", limited).status());
        assertError(vault.get("auth/token/lookup-self", limited), 403, "permission denied");
    }

    @Test
    void unknownLeasesAreInvalidToLookUpButRevokingThemSucceeds() {
        String token = planToken();
        assertError(vault.put("sys/leases/lookup", token, Map.of("lease_id", "aws/creds/x/nope")), 400,
                "invalid lease");
        assertEquals(204, vault.put("sys/leases/revoke", root, Map.of("lease_id", "aws/creds/x/nope")).status());
    }

    /**
     * logical_system.go handleRevoke (api-docs/system/leases): {@code sync} true or absent (the code's default) is
     * 204 once revoked, an unknown lease included; {@code sync=false} is LazyRevoke, 202 Accepted.
     */
    @Test
    void revokingAnUnknownLeaseIs204WhenSyncAnd202WhenNot() {
        assertEquals(204, vault.put("sys/leases/revoke", root, Map.of("lease_id", "aws/creds/x/nope",
                "sync", true)).status());
        assertEquals(202, vault.put("sys/leases/revoke", root, Map.of("lease_id", "aws/creds/x/nope",
                "sync", false)).status());
    }

    @Test
    void revokePrefixNeedsSudo() {
        assertEquals(204, vault.put("sys/policies/acl/prefix-" + jwtPath, root, Map.of("policy",
                "path \"sys/leases/revoke-prefix/*\" { capabilities = [\"update\"] }")).status());
        String noSudo = vault.write("auth/token/create", root, Map.of("policies", List.of("prefix-" + jwtPath),
                "ttl", "1h")).clientToken();
        assertError(vault.put("sys/leases/revoke-prefix/aws/creds", noSudo, Map.of()), 403, "permission denied");
    }

    @Test
    void auditHashMatchesTheDevicesHmac() {
        String device = "file-" + jwtPath;
        assertEquals(204, vault.put("sys/audit/" + device, root, Map.of("type", "file",
                "options", Map.of("file_path", auditFilePath(device)))).status());
        try {
            Reply hash = vault.write("sys/audit-hash/" + device, root, Map.of("input", "run-123"));
            String hmac = (String) hash.data().get("hash");
            assertTrue(hmac.startsWith("hmac-sha256:"));
            assertNotEquals("run-123", hmac);
            assertEquals(hmac, vault.write("sys/audit-hash/" + device, root, Map.of("input", "run-123"))
                    .data().get("hash"));
        } finally {
            vault.delete("sys/audit/" + device, root);
        }
    }

    private void role(String name, Map<String, Object> overrides) {
        Map<String, Object> role = new java.util.HashMap<>(TestIssuer.planRole("run-" + jwtPath));
        role.putAll(overrides);
        assertEquals(204, vault.write("auth/" + jwtPath + "/role/" + name, root, role).status());
    }

    @Test
    void explicitMaxTtlCapsRenewalBelowTheMaxTtl() {
        role("capped", Map.of("token_explicit_max_ttl", "30m"));
        String token = login("capped", issuer.token("plan", now())).clientToken();
        Reply renewed = vault.write("auth/token/renew-self", token, Map.of("increment", "1h"));
        assertEquals(200, renewed.status());
        int duration = ((Number) renewed.auth().get("lease_duration")).intValue();
        assertTrue(duration <= 1800 && duration > 1700, "lease_duration " + duration);
    }

    @Test
    void aRolesTokenNumUsesLimitsItsTokens() {
        role("once", Map.of("token_num_uses", 1));
        String token = login("once", issuer.token("plan", now())).clientToken();
        assertEquals(200, vault.get("auth/token/lookup-self", token).status());
        assertError(vault.get("auth/token/lookup-self", token), 403, "permission denied");
    }

    @Test
    void stringBoundClaimsTakeAGlobPatternLiterally() {
        role("literal", Map.of("bound_claims_type", "string"));
        assertError(login("literal", issuer.token("plan", now())), 400,
                "claim \"sub\" does not match any associated bound claim values");
        role("exact", Map.of("bound_claims_type", "string", "bound_claims", Map.of("sub",
                "organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan")));
        assertEquals(200, login("exact", issuer.token("plan", now())).status());
    }

    @Test
    void boundSubjectMustEqualTheTokensSubject() {
        role("subject", Map.of("bound_subject",
                "organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan"));
        assertEquals(200, login("subject", issuer.token("plan", now())).status());
        assertError(login("subject", issuer.token("apply", now())), 400, "error validating token");
    }

    /** http/logical.go: a LIST with no keys is answered 404 with an empty error list, for consistency with GET. */
    @Test
    void listingAnEmptyCollectionIsNotFound() {
        assertEquals(204, vault.delete("auth/" + jwtPath + "/role/plan", root).status());
        Reply list = vault.list("auth/" + jwtPath + "/role", root);
        assertEquals(404, list.status(), () -> "body: " + list.body());
        assertEquals(List.of(), list.errors());
    }

    @Test
    void aDeletedRoleCanNoLongerBeUsed() {
        role("gone", Map.of());
        assertEquals(204, vault.delete("auth/" + jwtPath + "/role/gone", root).status());
        assertEquals(404, vault.get("auth/" + jwtPath + "/role/gone", root).status());
        assertError(login("gone", issuer.token("plan", now())), 400, "role \"gone\" could not be found");
    }

    @Test
    void aTokenCannotCreateAChildWithPoliciesItLacks() {
        String token = planToken();
        assertError(vault.write("auth/token/create", token, Map.of("policies", List.of("root"))), 403,
                "permission denied");
        String creator = vault.write("auth/token/create", root, Map.of("policies", List.of("creator-" + jwtPath),
                "ttl", "1h")).clientToken();
        assertEquals(204, vault.put("sys/policies/acl/creator-" + jwtPath, root, Map.of("policy",
                "path \"auth/token/create\" { capabilities = [\"update\"] }")).status());
        assertError(vault.write("auth/token/create", creator, Map.of("policies", List.of("run-" + jwtPath))), 400,
                "child policies must be subset of parent");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAppRoleLogsInWithRoleIdAndSecretIdOnly() {
        String path = "approle-" + jwtPath;
        assertEquals(204, vault.write("sys/auth/" + path, root, Map.of("type", "approle")).status());
        assertEquals(204, vault.write("auth/" + path + "/role/reaper", root, Map.of(
                "token_policies", List.of("run-" + jwtPath), "token_ttl", "1h")).status());
        String roleId = (String) vault.get("auth/" + path + "/role/reaper/role-id", root).data().get("role_id");
        String secretId = (String) vault.write("auth/" + path + "/role/reaper/secret-id", root, Map.of())
                .data().get("secret_id");
        Reply login = vault.write("auth/" + path + "/login", null, Map.of("role_id", roleId, "secret_id", secretId));
        assertEquals(200, login.status(), () -> login.body().toString());
        assertTrue(((List<String>) login.auth().get("policies")).contains("run-" + jwtPath));
        assertEquals(3600, ((Number) login.auth().get("lease_duration")).intValue());
        Reply wrong = vault.write("auth/" + path + "/login", null, Map.of("role_id", roleId, "secret_id", "nope"));
        assertEquals(400, wrong.status());
        assertTrue(wrong.errors().get(0).contains("invalid"), () -> wrong.errors().toString());
    }

    /** A path the server can write to: the sim's temp dir, or a path inside the container. */
    protected abstract String auditFilePath(String device);
}
