package dev.credbroker.vaultsim.auth.jwt;

import dev.credbroker.vaultsim.auth.Params;
import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.core.GoDuration;
import dev.credbroker.vaultsim.core.Request;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JWT auth role, with the defaults Vault's JWT plugin documents (role_type oidc, leeways 60/150/150 s). */
record JwtRole(String roleType, String userClaim, List<String> boundAudiences, String boundSubject,
               Map<String, Object> boundClaims, String boundClaimsType, Map<String, String> claimMappings,
               List<String> tokenPolicies, boolean noDefaultPolicy, Duration tokenTtl, Duration tokenMaxTtl,
               Duration tokenExplicitMaxTtl, int tokenNumUses, Duration clockSkewLeeway,
               Duration expirationLeeway, Duration notBeforeLeeway, Duration tokenPeriod, String tokenType) {

    @SuppressWarnings("unchecked")
    static JwtRole from(Request request) {
        String roleType = orDefault(request.string("role_type"), "oidc");
        if (!roleType.equals("jwt") && !roleType.equals("oidc")) {
            throw VaultError.badRequest("invalid 'role_type': " + roleType);
        }
        String userClaim = request.string("user_claim");
        if (userClaim == null || userClaim.isEmpty()) {
            throw VaultError.badRequest("a user claim must be defined on the role");
        }
        List<String> audiences = Params.stringList(request.get("bound_audiences"));
        String subject = orDefault(request.string("bound_subject"), "");
        Map<String, Object> boundClaims = request.get("bound_claims") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : Map.of();
        String claimsType = orDefault(request.string("bound_claims_type"), "string");
        if (!claimsType.equals("string") && !claimsType.equals("glob")) {
            throw VaultError.badRequest("invalid 'bound_claims_type': " + claimsType);
        }
        if (roleType.equals("jwt") && audiences.isEmpty() && subject.isEmpty() && boundClaims.isEmpty()) {
            throw VaultError.badRequest("must have at least one bound constraint when creating/updating a role");
        }
        Map<String, String> mappings = new LinkedHashMap<>();
        if (request.get("claim_mappings") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> mappings.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> policies = Params.stringList(request.get("token_policies") != null
                ? request.get("token_policies") : request.get("policies"));
        Duration ttl = GoDuration.parse(request.get("token_ttl"), Duration.ZERO);
        Duration maxTtl = GoDuration.parse(request.get("token_max_ttl"), Duration.ZERO);
        if (!ttl.isZero() && !maxTtl.isZero() && ttl.compareTo(maxTtl) > 0) {
            throw VaultError.badRequest("token ttl should not be greater than token max ttl");
        }
        return new JwtRole(roleType, userClaim, audiences, subject, boundClaims, claimsType, mappings, policies,
                Boolean.parseBoolean(request.string("token_no_default_policy")), ttl, maxTtl,
                GoDuration.parse(request.get("token_explicit_max_ttl"), Duration.ZERO),
                Params.integer(request.get("token_num_uses"), 0),
                GoDuration.parse(request.get("clock_skew_leeway"), Duration.ofSeconds(60)),
                GoDuration.parse(request.get("expiration_leeway"), Duration.ofSeconds(150)),
                GoDuration.parse(request.get("not_before_leeway"), Duration.ofSeconds(150)),
                GoDuration.parse(request.get("token_period"), Duration.ZERO), tokenType(request.string("token_type")));
    }

    /**
     * {@code token_type}: {@code default} and {@code service} give service tokens; {@code batch} gives tokens
     * with no accessor that can be neither renewed nor revoked (tokenutil's TokenType; vault-api.md JWT login).
     */
    private static String tokenType(String value) {
        String type = orDefault(value, "default");
        if (!List.of("default", "service", "batch").contains(type)) {
            throw VaultError.badRequest("invalid 'token_type' value \"" + type + "\"");
        }
        return type;
    }

    boolean issuesBatchTokens() {
        return tokenType.equals("batch");
    }

    Map<String, Object> describe() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("role_type", roleType);
        data.put("user_claim", userClaim);
        data.put("bound_audiences", boundAudiences);
        data.put("bound_subject", boundSubject);
        data.put("bound_claims", boundClaims.isEmpty() ? null : boundClaims);
        data.put("bound_claims_type", boundClaimsType);
        data.put("claim_mappings", claimMappings.isEmpty() ? null : claimMappings);
        data.put("token_policies", tokenPolicies);
        data.put("token_ttl", tokenTtl.getSeconds());
        data.put("token_max_ttl", tokenMaxTtl.getSeconds());
        data.put("token_explicit_max_ttl", tokenExplicitMaxTtl.getSeconds());
        data.put("token_num_uses", tokenNumUses);
        data.put("token_period", tokenPeriod.getSeconds());
        data.put("token_type", tokenType);
        data.put("clock_skew_leeway", clockSkewLeeway.getSeconds());
        data.put("expiration_leeway", expirationLeeway.getSeconds());
        data.put("not_before_leeway", notBeforeLeeway.getSeconds());
        return data;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
