package dev.credbroker.vaultsim.sys;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.lease.LeaseManager;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sys/leases/{lookup,renew,revoke,revoke-prefix,revoke-force}} with the lease id in the body or,
 * as the Vault Java Driver sends it, in the path; plus the legacy {@code sys/renew} and {@code sys/revoke}.
 */
final class LeaseEndpoints {
    private final LeaseManager leases;

    LeaseEndpoints(LeaseManager leases) {
        this.leases = leases;
    }

    Response handle(Request request, String sysPath) {
        String path = sysPath.startsWith("leases/") ? sysPath.substring("leases/".length()) : sysPath;
        if (path.startsWith("lookup/") && request.operation() == Operation.LIST) {
            String prefix = path.substring("lookup/".length());
            return Response.data(request.id(), Map.of("keys", leases.idsUnder(prefix).stream()
                    .map(id -> id.substring(prefix.length())).sorted().toList()));
        }
        if (request.operation() != Operation.UPDATE) {
            throw VaultError.unsupportedOperation();
        }
        String verb = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String inPath = path.contains("/") ? path.substring(path.indexOf('/') + 1) : null;
        return switch (verb) {
            case "lookup" -> Response.data(request.id(), leases.lookup(leaseId(request, inPath)));
            case "renew" -> renew(request, leaseId(request, inPath));
            case "revoke" -> revoke(request, leaseId(request, inPath));
            case "revoke-prefix" -> {
                leases.revokePrefix(inPath == null ? "" : inPath);
                yield Response.noContent();
            }
            case "revoke-force" -> {
                leases.revokeForce(inPath == null ? "" : inPath);
                yield Response.noContent();
            }
            default -> throw VaultError.unsupportedPath(request.path());
        };
    }

    /**
     * logical_system.go handleRevoke: {@code sync} (default true in the code, whatever the API page says) revokes
     * through the engine and answers 204, unknown or already revoked leases included; an engine failure is 400
     * and the lease stays. {@code sync=false} is LazyRevoke: 202 with no body, the lease queued.
     */
    private Response revoke(Request request, String leaseId) {
        if (bool(request.get("sync"), true)) {
            leases.revoke(leaseId);
            return Response.noContent();
        }
        leases.queue(leaseId);
        return new Response(202, null);
    }

    /** The framework's TypeBool: a JSON boolean or what Go's strconv.ParseBool reads. */
    private static boolean bool(Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw VaultError.badRequest("error converting input " + value + " for field \"sync\"");
        };
    }

    private Response renew(Request request, String leaseId) {
        Duration ttl = leases.renew(leaseId, SysHandler.increment(request));
        Map<String, Object> body = new LinkedHashMap<>(Response.envelope(request.id(), leaseId, ttl.getSeconds(),
                true, null, null).body());
        return new Response(200, body);
    }

    private static String leaseId(Request request, String inPath) {
        String id = inPath != null && !inPath.isEmpty() ? inPath
                : request.string("lease_id") != null ? request.string("lease_id") : request.string("url_lease_id");
        if (id == null || id.isEmpty()) {
            throw VaultError.badRequest("lease_id must be specified");
        }
        return id;
    }
}
