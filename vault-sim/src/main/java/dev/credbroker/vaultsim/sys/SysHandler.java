package dev.credbroker.vaultsim.sys;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.audit.FileAuditDevice;
import dev.credbroker.vaultsim.core.GoDuration;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.core.VaultCore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sys/} paths the broker and its operators use: mounts, auth methods, ACL policies, audit devices
 * and audited headers, and the lease endpoints, in their current and legacy ({@code sys/renew}) forms.
 */
public final class SysHandler {
    private final VaultCore core;

    public SysHandler(VaultCore core) {
        this.core = core;
    }

    /** Vault's sudo-protected sys paths (the API docs mark each with "requires sudo"). */
    public static boolean requiresSudo(String path, Operation operation) {
        return path.startsWith("sys/audit") || path.startsWith("sys/auth/")
                || path.startsWith("sys/leases/revoke-prefix/") || path.startsWith("sys/leases/revoke-force/")
                || path.startsWith("sys/config/auditing/")
                || (path.startsWith("sys/leases/lookup/") && operation == Operation.LIST);
    }

    public Response handle(Request request) {
        String path = request.path().substring("sys/".length());
        Operation op = request.operation();
        if (path.startsWith("mounts/")) {
            return mounts(request, path.substring("mounts/".length()));
        }
        if (path.startsWith("auth/") && op == Operation.UPDATE) {
            core.enableAuth(path.substring("auth/".length()), request.requiredString("type", "missing type"));
            return Response.noContent();
        }
        if (path.startsWith("policies/acl/") || path.startsWith("policy/")) {
            boolean legacy = path.startsWith("policy/");
            String name = legacy ? path.substring("policy/".length()) : path.substring("policies/acl/".length());
            // handlePoliciesSet stores the name lower-cased, and the policy store looks names up the same way.
            return policy(request, name.toLowerCase(java.util.Locale.ROOT), legacy);
        }
        if (path.startsWith("audit/")) {
            return audit(request, path.substring("audit/".length()));
        }
        if (path.startsWith("audit-hash/") && op == Operation.UPDATE) {
            FileAuditDevice device = core.audit().device(path.substring("audit-hash/".length()));
            return Response.data(request.id(), Map.of("hash",
                    device.hash(request.requiredString("input", "the \"input\" parameter is required"))));
        }
        if (path.equals("config/auditing/request-headers") && op == Operation.READ) {
            return Response.data(request.id(), Map.of("headers", core.audit().auditedHeaders()));
        }
        if (path.startsWith("config/auditing/request-headers/") && op == Operation.UPDATE) {
            core.audit().auditHeader(path.substring("config/auditing/request-headers/".length()),
                    Boolean.parseBoolean(request.string("hmac")));
            return Response.noContent();
        }
        if (path.startsWith("leases/") || path.startsWith("renew") || path.startsWith("revoke")) {
            return new LeaseEndpoints(core.leases()).handle(request, path);
        }
        throw VaultError.unsupportedPath(request.path());
    }

    private Response mounts(Request request, String mountPath) {
        String path = trim(mountPath);
        return switch (request.operation()) {
            case UPDATE -> {
                core.enableSecrets(path, request.requiredString("type", "missing type"));
                yield Response.noContent();
            }
            case DELETE -> {
                core.disableSecrets(path);
                yield Response.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    /**
     * ACL policies as handlePoliciesSet/handlePoliciesRead serve them: the text is in {@code policy}; only the
     * legacy {@code sys/policy/<name>} path also takes and returns it as {@code rules}.
     */
    private Response policy(Request request, String name, boolean legacy) {
        return switch (request.operation()) {
            case UPDATE -> {
                String text = request.string("policy");
                if ((text == null || text.isEmpty()) && legacy) {
                    text = request.string("rules");
                }
                if (text == null || text.isEmpty()) {
                    throw VaultError.badRequest("'policy' parameter not supplied or empty");
                }
                core.policies().put(name, text);
                yield Response.noContent();
            }
            case READ -> Response.data(request.id(), Map.of("name", name, legacy ? "rules" : "policy",
                    core.policies().text(name)));
            case DELETE -> {
                core.policies().delete(name);
                yield Response.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    @SuppressWarnings("unchecked")
    private Response audit(Request request, String name) {
        switch (request.operation()) {
            case UPDATE -> {
                if (!"file".equals(request.string("type"))) {
                    throw VaultError.badRequest("unknown backend type: \"" + request.string("type") + "\"");
                }
                Map<String, Object> options = request.get("options") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                Object filePath = options.get("file_path");
                if (filePath == null) {
                    throw VaultError.badRequest("file_path is required");
                }
                core.audit().enable(name, new FileAuditDevice(Path.of(filePath.toString()),
                        !"false".equals(String.valueOf(options.getOrDefault("hmac_accessor", "true"))), core.clock()));
                return Response.noContent();
            }
            case DELETE -> {
                core.audit().disable(name);
                return Response.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        }
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** Lists enabled audit devices for {@code GET sys/audit}. */
    public Response listAudit(Request request) {
        Map<String, Object> out = new LinkedHashMap<>();
        core.audit().devices().forEach((name, d) -> out.put(name + "/", Map.of("type", "file", "path", name + "/",
                "options", Map.of("file_path", d.file().toString()))));
        return Response.data(request.id(), out);
    }

    static Duration increment(Request request) {
        return GoDuration.parse(request.get("increment"), Duration.ZERO);
    }
}
