package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.audit.AuditBroker.AuditRecordFactory;
import dev.credbroker.vaultsim.auth.AuthBackend;
import dev.credbroker.vaultsim.policy.Capability;
import dev.credbroker.vaultsim.sys.SysHandler;
import dev.credbroker.vaultsim.token.Token;
import dev.credbroker.vaultsim.token.TokenHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request's way through the sim, in Vault's order: expire what is due, find the route, check the token
 * and the ACL (403 {@code permission denied} for either), audit the request, serve it, count the token's
 * use, audit the response, including failures.
 */
public final class Dispatcher {
    private final VaultCore core;
    private final SysHandler sys;
    private final TokenHandler tokenHandler;
    private final SecretsHandler secrets;
    private final String version;

    public Dispatcher(VaultCore core, String version) {
        this.core = core;
        this.sys = new SysHandler(core);
        this.tokenHandler = new TokenHandler(core.tokens(), core::checkRenewal);
        this.secrets = new SecretsHandler(core);
        this.version = version;
    }

    /**
     * {@code sys/health}: 200 when active and unsealed, 503 when sealed (API docs, sys/health "default status
     * codes"); the documented {@code activecode} and {@code sealedcode} query parameters override them.
     */
    public Response health(boolean sealed, Map<String, String> query) {
        Response defaults = health(sealed);
        String override = query.get(sealed ? "sealedcode" : "activecode");
        return override == null ? defaults : new Response(Integer.parseInt(override), defaults.body());
    }

    /**
     * {@code sys/seal-status}: always 200, sealed or not, in its own shape (API docs, sys/seal-status sample
     * responses); {@code cluster_name} and {@code cluster_id} appear only when unsealed. The sim is a dev
     * server: one Shamir share, in-memory storage.
     */
    public Response sealStatus(boolean sealed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "shamir");
        body.put("initialized", true);
        body.put("sealed", sealed);
        body.put("t", 1);
        body.put("n", 1);
        body.put("progress", 0);
        body.put("nonce", "");
        body.put("version", version);
        body.put("build_date", "2024-09-24T19:48:40Z");
        body.put("migration", false);
        if (!sealed) {
            body.put("cluster_name", "vault-sim");
            body.put("cluster_id", "00000000-0000-0000-0000-000000000000");
        }
        body.put("recovery_seal", false);
        body.put("storage_type", "inmem");
        return new Response(200, body);
    }

    public Response health(boolean sealed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("initialized", true);
        body.put("sealed", sealed);
        body.put("standby", false);
        body.put("performance_standby", false);
        body.put("server_time_utc", core.clock().instant().getEpochSecond());
        body.put("version", version);
        body.put("cluster_name", "vault-sim");
        return new Response(sealed ? 503 : 200, body);
    }

    public Response handle(Request request) {
        core.expire();
        Optional<Map.Entry<AuthBackend, String>> auth = core.authMountFor(request.path());
        if (auth.isPresent() && auth.get().getKey().isUnauthenticated(auth.get().getValue())) {
            return audited(request, null, auth.get().getKey().type(),
                    () -> auth.get().getKey().handle(request, auth.get().getValue()));
        }
        Token caller = core.token(request.token()).orElseThrow(() -> request.token() == null
                ? VaultError.permissionDenied() : VaultError.invalidToken());
        String mountType = mountType(request.path());
        return audited(request, caller, mountType, () -> {
            // request_handling.go decrements num_uses before the ACL check, "because we want to decrement the
            // use count even in the case of an error": a refused request spends a use too, and a handler
            // (lookup-self) already sees the decremented count. The last use is revoked after the request.
            boolean lastUse = core.tokens().consumeUse(caller);
            try {
                authorize(request, caller);
                return listed(request, route(request, caller, auth));
            } finally {
                if (lastUse) {
                    core.tokens().revoke(caller);
                }
            }
        });
    }

    /**
     * Vault's HTTP layer (http/logical.go) answers a LIST whose response has no {@code keys}, or an empty
     * list of them, with 404 and no error message, "for consistency with GET".
     */
    private static Response listed(Request request, Response response) {
        if (request.operation() != Operation.LIST) {
            return response;
        }
        Map<String, Object> data = response.section("data");
        if (data == null || !(data.get("keys") instanceof java.util.List<?> keys) || keys.isEmpty()) {
            throw VaultError.notFound();
        }
        return response;
    }

    private Response route(Request request, Token caller, Optional<Map.Entry<AuthBackend, String>> auth) {
        String path = request.path();
        if (path.startsWith("auth/token/")) {
            String op = path.substring("auth/token/".length());
            if (!TokenHandler.operationAllowed(op, request.operation())) {
                throw VaultError.unsupportedOperation();
            }
            return tokenHandler.handle(request, op, caller);
        }
        if (auth.isPresent()) {
            return auth.get().getKey().handle(request, auth.get().getValue());
        }
        if (path.equals("sys/audit") && request.operation() == Operation.READ) {
            return sys.listAudit(request);
        }
        if (path.startsWith("sys/")) {
            return sys.handle(request);
        }
        return core.mountFor(path).map(m -> secrets.handle(request, m, caller))
                .orElseThrow(() -> new VaultError(404, "no handler for route \"" + path + "\". route entry not found."));
    }

    private void authorize(Request request, Token caller) {
        var acl = core.policies().aclFor(caller.policies());
        Capability needed = switch (request.operation()) {
            case READ -> Capability.READ;
            case LIST -> Capability.LIST;
            case DELETE -> Capability.DELETE;
            // Paths without an existence check (creds, sts, login, token and lease endpoints) are updates.
            case UPDATE -> Capability.UPDATE;
        };
        String aclPath = request.operation() == Operation.LIST && !request.path().endsWith("/")
                ? request.path() + "/" : request.path();
        if (!acl.allows(aclPath, needed)
                || (SysHandler.requiresSudo(request.path(), request.operation()) && !acl.allows(aclPath, Capability.SUDO))) {
            throw VaultError.permissionDenied();
        }
    }

    private String mountType(String path) {
        if (path.startsWith("sys/")) {
            return "system";
        }
        if (path.startsWith("auth/token/")) {
            return "token";
        }
        if (path.startsWith("auth/")) {
            return core.authMountFor(path).map(a -> a.getKey().type()).orElse("");
        }
        return core.mountFor(path).map(m -> m.engine().type()).orElse("");
    }

    private Response audited(Request request, Token caller, String mountType, java.util.function.Supplier<Response> work) {
        core.audit().request(AuditRecordFactory.of(request, caller, mountType, null, null));
        try {
            Response response = work.get();
            core.audit().response(AuditRecordFactory.of(request, caller, mountType, response, null));
            return response;
        } catch (VaultError e) {
            core.audit().response(AuditRecordFactory.of(request, caller, mountType, null,
                    e.errors().isEmpty() ? String.valueOf(e.status()) : String.join("; ", e.errors())));
            throw e;
        }
    }
}
