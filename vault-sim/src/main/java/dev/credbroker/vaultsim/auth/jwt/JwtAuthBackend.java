package dev.credbroker.vaultsim.auth.jwt;

import dev.credbroker.vaultsim.auth.Params;
import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.auth.AuthBackend;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.token.Token;
import dev.credbroker.vaultsim.token.TokenSpec;
import dev.credbroker.vaultsim.token.TokenStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One mount of Vault's JWT auth method: {@code config}, {@code role/<name>} and the unauthenticated
 * {@code login}, with the order of checks and the error strings of the plugin's {@code path_login.go}.
 */
public final class JwtAuthBackend implements AuthBackend {
    private final String mountPath;
    private final Clock clock;
    private final TokenStore tokens;
    private final Map<String, JwtRole> roles = new ConcurrentHashMap<>();
    private volatile Map<String, Object> config;
    private volatile JwtKeys keys;

    public JwtAuthBackend(String mountPath, Clock clock, TokenStore tokens) {
        this.mountPath = mountPath;
        this.clock = clock;
        this.tokens = tokens;
    }

    @Override
    public String type() {
        return "jwt";
    }

    /** Login is the one path Vault serves without a token. */
    @Override
    public boolean isUnauthenticated(String relativePath) {
        return relativePath.equals("login");
    }

    @Override
    public Response handle(Request request, String relativePath) {
        if (relativePath.equals("login") && request.operation() == Operation.UPDATE) {
            return login(request);
        }
        if (relativePath.equals("config")) {
            return config(request);
        }
        if (relativePath.equals("role") && request.operation() == Operation.LIST) {
            return Response.data(request.id(), Map.of("keys", new ArrayList<>(new TreeSet<>(roles.keySet()))));
        }
        if (relativePath.startsWith("role/")) {
            return role(request, relativePath.substring("role/".length()).toLowerCase(Locale.ROOT));
        }
        throw VaultError.unsupportedPath(relativePath);
    }

    private Response config(Request request) {
        if (request.operation() == Operation.READ) {
            return Response.data(request.id(), config == null ? Map.of() : config);
        }
        if (request.operation() != Operation.UPDATE) {
            throw VaultError.unsupportedOperation();
        }
        List<String> pems = Params.stringList(request.get("jwt_validation_pubkeys"));
        String jwksUrl = request.string("jwks_url");
        String discovery = request.string("oidc_discovery_url");
        int sources = (pems.isEmpty() ? 0 : 1) + (empty(jwksUrl) ? 0 : 1) + (empty(discovery) ? 0 : 1);
        if (sources != 1) {
            throw VaultError.badRequest("exactly one of 'jwt_validation_pubkeys', 'jwks_url' or "
                    + "'oidc_discovery_url' must be set");
        }
        keys = !pems.isEmpty() ? JwtKeys.fromPems(pems)
                : !empty(jwksUrl) ? JwtKeys.fromJwksUrl(jwksUrl) : JwtKeys.fromDiscovery(discovery);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("jwks_url", orEmpty(jwksUrl));
        stored.put("oidc_discovery_url", orEmpty(discovery));
        stored.put("jwt_validation_pubkeys", pems);
        stored.put("bound_issuer", orEmpty(request.string("bound_issuer")));
        stored.put("default_role", orEmpty(request.string("default_role")));
        config = stored;
        return Response.noContent();
    }

    private Response role(Request request, String name) {
        if (name.isEmpty() || name.contains("/")) {
            throw VaultError.unsupportedPath("role/" + name);
        }
        return switch (request.operation()) {
            case UPDATE -> {
                roles.put(name, JwtRole.from(request));
                yield Response.noContent();
            }
            case READ -> Optional.ofNullable(roles.get(name)).map(r -> Response.data(request.id(), r.describe()))
                    .orElseThrow(VaultError::notFound);
            case DELETE -> {
                roles.remove(name);
                yield Response.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private Response login(Request request) {
        if (config == null) {
            throw VaultError.badRequest("could not load configuration");
        }
        String roleName = Optional.ofNullable(request.string("role")).filter(r -> !r.isEmpty())
                .orElse((String) config.get("default_role")).toLowerCase(Locale.ROOT);
        if (roleName.isEmpty()) {
            throw VaultError.badRequest("missing role");
        }
        JwtRole role = roles.get(roleName);
        if (role == null) {
            throw VaultError.badRequest("role \"" + roleName + "\" could not be found");
        }
        if (role.roleType().equals("oidc")) {
            throw VaultError.badRequest("role with oidc role_type is not allowed");
        }
        String jwt = request.string("jwt");
        if (empty(jwt)) {
            throw VaultError.badRequest("missing token");
        }
        Map<String, Object> claims = JwtValidator.validate(jwt, keys, (String) config.get("bound_issuer"), role,
                clock.instant());
        if (role.boundAudiences().isEmpty() && hasAudience(claims.get("aud"))) {
            throw VaultError.badRequest("audience claim found in JWT but no audiences bound to the role");
        }
        Object user = claims.get(role.userClaim());
        if (user == null) {
            throw VaultError.badRequest("claim \"" + role.userClaim() + "\" not found in token");
        }
        if (!(user instanceof String userName)) {
            throw VaultError.badRequest("claim \"" + role.userClaim() + "\" could not be converted to string");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        // claims.go extractMetadata: a mapped claim must be a string; numbers, lists and objects are refused.
        for (Map.Entry<String, String> mapping : role.claimMappings().entrySet()) {
            Object value = claims.get(mapping.getKey());
            if (value != null && !(value instanceof String)) {
                throw VaultError.badRequest("error converting claim '" + mapping.getKey() + "' to string");
            }
            if (value != null) {
                metadata.put(mapping.getValue(), (String) value);
            }
        }
        metadata.put("role", roleName);
        ClaimRules.violation(role.boundClaims(), role.boundClaimsType().equals("glob"), claims).ifPresent(v -> {
            throw VaultError.badRequest("error validating claims: " + v);
        });
        Map<String, Object> auth = tokens.authBlock(issue(role, userName, metadata));
        if (role.issuesBatchTokens()) {
            // A batch token carries no accessor and can be neither renewed nor revoked; the sim keeps one
            // internally only so that the token works for reads, as a batch token does.
            auth.put("accessor", "");
            auth.put("renewable", false);
            auth.put("token_type", "batch");
        }
        return Response.auth(request.id(), auth);
    }

    /**
     * path_login.go pathLoginRenew reads the token's role again: a role deleted since the login makes the renewal
     * fail with a plain error, which Vault answers as 500 (not a 400 ErrorResponse).
     */
    @Override
    public void checkRenewal(Map<String, String> meta) {
        String roleName = meta.get("role");
        if (roleName != null && !roles.containsKey(roleName)) {
            throw new VaultError(500, "1 error occurred:\n\t* role \"" + roleName + "\" does not exist during renewal\n\n");
        }
    }

    private Token issue(JwtRole role, String userName, Map<String, String> metadata) {
        TreeSet<String> policies = new TreeSet<>(role.tokenPolicies());
        if (!role.noDefaultPolicy()) {
            policies.add("default");
        }
        String entityId = UUID.nameUUIDFromBytes((mountPath + "\n" + userName).getBytes(StandardCharsets.UTF_8))
                .toString();
        return tokens.create(new TokenSpec(new ArrayList<>(policies), metadata, "auth/" + mountPath + "/login",
                mountPath.replace('/', '-') + "-" + userName, null,
                role.tokenTtl().isZero() ? TokenStore.SYSTEM_MAX_TTL : role.tokenTtl(), role.tokenMaxTtl(),
                role.tokenExplicitMaxTtl(), !role.issuesBatchTokens(), role.tokenNumUses(), entityId, role.tokenPeriod()));
    }

    private static boolean hasAudience(Object aud) {
        return aud instanceof List<?> list ? !list.isEmpty() : aud != null && !aud.toString().isEmpty();
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
