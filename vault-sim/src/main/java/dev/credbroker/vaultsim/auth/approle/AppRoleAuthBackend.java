package dev.credbroker.vaultsim.auth.approle;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.auth.AuthBackend;
import dev.credbroker.vaultsim.auth.Params;
import dev.credbroker.vaultsim.core.GoDuration;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.token.TokenSpec;
import dev.credbroker.vaultsim.token.TokenStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vault's AppRole auth method, as far as a service identity needs it (the broker's reaper): roles with token
 * policies and TTLs, their role id, generated secret ids, and login with both. Secret-id TTLs, use counts and
 * CIDR bindings are not modelled.
 */
public final class AppRoleAuthBackend implements AuthBackend {
    private record Role(String name, String roleId, List<String> policies, Duration ttl, Duration maxTtl) {
    }

    private final String mountPath;
    private final TokenStore tokens;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, String> secretIdToRole = new ConcurrentHashMap<>();

    public AppRoleAuthBackend(String mountPath, TokenStore tokens) {
        this.mountPath = mountPath;
        this.tokens = tokens;
    }

    @Override
    public String type() {
        return "approle";
    }

    @Override
    public boolean isUnauthenticated(String relativePath) {
        return relativePath.equals("login");
    }

    @Override
    public Response handle(Request request, String relativePath) {
        if (relativePath.equals("login") && request.operation() == Operation.UPDATE) {
            return login(request);
        }
        String[] parts = relativePath.split("/");
        if (parts.length < 2 || !parts[0].equals("role")) {
            throw VaultError.unsupportedPath(relativePath);
        }
        String name = parts[1];
        if (parts.length == 2 && request.operation() == Operation.UPDATE) {
            Role old = roles.get(name);
            List<String> policies = Params.stringList(request.get("token_policies") != null
                    ? request.get("token_policies") : request.get("policies"));
            roles.put(name, new Role(name, old == null ? UUID.randomUUID().toString() : old.roleId(), policies,
                    GoDuration.parse(request.get("token_ttl"), Duration.ZERO),
                    GoDuration.parse(request.get("token_max_ttl"), Duration.ZERO)));
            return Response.noContent();
        }
        Role role = Optional.ofNullable(roles.get(name)).orElseThrow(() ->
                VaultError.badRequest("role \"" + name + "\" does not exist"));
        if (parts.length == 3 && parts[2].equals("role-id") && request.operation() == Operation.READ) {
            return Response.data(request.id(), Map.of("role_id", role.roleId()));
        }
        if (parts.length == 3 && parts[2].equals("secret-id") && request.operation() == Operation.UPDATE) {
            String secretId = UUID.randomUUID().toString();
            secretIdToRole.put(secretId, name);
            return Response.data(request.id(), Map.of("secret_id", secretId,
                    "secret_id_accessor", UUID.randomUUID().toString(), "secret_id_ttl", 0, "secret_id_num_uses", 0));
        }
        throw VaultError.unsupportedOperation();
    }

    private Response login(Request request) {
        String roleId = request.requiredString("role_id", "missing role_id");
        String secretId = request.requiredString("secret_id", "missing secret_id");
        Role role = roles.values().stream().filter(r -> r.roleId().equals(roleId)).findFirst()
                .orElseThrow(() -> VaultError.badRequest("invalid role or secret ID"));
        if (!role.name().equals(secretIdToRole.get(secretId))) {
            throw VaultError.badRequest("invalid role or secret ID");
        }
        TreeSet<String> policies = new TreeSet<>(role.policies());
        policies.add("default");
        var token = tokens.create(new TokenSpec(new ArrayList<>(policies), Map.of("role_name", role.name()),
                "auth/" + mountPath + "/login", "approle", null,
                role.ttl().isZero() ? TokenStore.SYSTEM_MAX_TTL : role.ttl(), role.maxTtl(), Duration.ZERO, true, 0, "", Duration.ZERO));
        return Response.auth(request.id(), tokens.authBlock(token));
    }
}
