package dev.credbroker.vaultsim.token;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.core.GoDuration;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeSet;

/** {@code auth/token/…}: lookup, renew and revoke of the caller's token, by accessor, and create. */
public final class TokenHandler {
    private final TokenStore tokens;
    private final Consumer<Token> renewalCheck;

    /** @param renewalCheck asks the auth method that issued a token whether it may be renewed; throws if not */
    public TokenHandler(TokenStore tokens, Consumer<Token> renewalCheck) {
        this.tokens = tokens;
        this.renewalCheck = renewalCheck;
    }

    public Response handle(Request request, String relativePath, Token caller) {
        String op = relativePath;
        return switch (op) {
            case "lookup-self" -> Response.data(request.id(), tokens.describe(caller));
            case "renew-self" -> renew(request, caller);
            case "revoke-self" -> {
                tokens.revoke(caller);
                yield Response.noContent();
            }
            case "lookup" -> Response.data(request.id(), tokens.describe(byId(request)));
            case "revoke" -> {
                tokens.lookup(request.string("token")).ifPresent(tokens::revoke);
                yield Response.noContent();
            }
            case "lookup-accessor" -> {
                Map<String, Object> data = new LinkedHashMap<>(tokens.describe(byAccessor(request)));
                data.put("id", "");
                yield Response.data(request.id(), data);
            }
            case "revoke-accessor" -> revokeAccessor(request);
            case "create", "create-orphan" -> create(request, caller, op.equals("create-orphan"));
            default -> throw VaultError.unsupportedPath(relativePath);
        };
    }

    /** Writes need UPDATE; lookup-self alone is also served to GET, as Vault routes it. */
    public static boolean operationAllowed(String relativePath, Operation operation) {
        return operation == Operation.UPDATE
                || (relativePath.equals("lookup-self") && operation == Operation.READ);
    }

    /**
     * token_store.go handleUpdateRevokeAccessor: 204 once the token (its leases queued); an unknown accessor is
     * 200 with only a warning since Vault 1.10 (PR #13661), no longer 400 {@code invalid accessor}.
     */
    private Response revokeAccessor(Request request) {
        String accessor = request.requiredString("accessor", "missing accessor");
        return tokens.byAccessor(accessor).map(token -> {
            tokens.revoke(token);
            return Response.noContent();
        }).orElseGet(() -> Response.warnings(request.id(), List.of("No token found with this accessor")));
    }

    private Response renew(Request request, Token caller) {
        renewalCheck.accept(caller);
        tokens.renew(caller, GoDuration.parse(request.get("increment"), Duration.ZERO));
        return Response.auth(request.id(), tokens.authBlock(caller));
    }

    /** token_store.go handleLookup: an unknown token is 403 {@code bad token}, not a 400. */
    private Token byId(Request request) {
        String id = request.requiredString("token", "missing token ID");
        return tokens.lookup(id).orElseThrow(() -> new VaultError(403, "bad token"));
    }

    private Token byAccessor(Request request) {
        String accessor = request.requiredString("accessor", "missing accessor");
        return tokens.byAccessor(accessor).orElseThrow(() -> VaultError.badRequest("invalid accessor"));
    }

    /**
     * {@code auth/token/create}, with handleCreateCommon's TTL rules: a periodic token's TTL is its period
     * (only root may ask for one here; Vault also lets sudo callers); otherwise a missing TTL becomes the
     * default lease TTL (768h) unless the token carries the {@code root} policy, an explicit max TTL caps the
     * TTL or stands in for a missing one, and a token left without a TTL is not renewable.
     */
    private Response create(Request request, Token parent, boolean orphan) {
        List<String> asked = request.get("policies") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : parent.policies();
        if (!parent.isRoot() && !parent.policies().containsAll(asked)) {
            throw VaultError.badRequest("child policies must be subset of parent");
        }
        TreeSet<String> policies = new TreeSet<>(asked);
        if (!policies.contains("root") && !Boolean.parseBoolean(request.string("no_default_policy"))) {
            policies.add("default");
        }
        boolean noParent = orphan || Boolean.parseBoolean(request.string("no_parent"));
        Duration period = GoDuration.parse(request.get("period"), Duration.ZERO);
        if (!period.isZero() && !parent.isRoot()) {
            throw VaultError.badRequest("root or sudo privileges required to create periodic token");
        }
        Duration explicitMax = GoDuration.parse(request.get("explicit_max_ttl"), Duration.ZERO);
        Duration ttl = GoDuration.parse(request.get("ttl"), Duration.ZERO);
        if (ttl.isZero() && !policies.contains("root")) {
            ttl = TokenStore.SYSTEM_MAX_TTL;
        }
        if (!explicitMax.isZero() && (ttl.isZero() || ttl.compareTo(explicitMax) > 0)) {
            ttl = explicitMax;
        }
        boolean renewable = !"false".equals(request.string("renewable")) && !(ttl.isZero() && period.isZero());
        Map<String, String> meta = new LinkedHashMap<>();
        if (request.get("meta") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
        }
        String displayName = "token" + (request.string("display_name") == null ? "" : "-" + request.string("display_name"));
        Token token = tokens.create(new TokenSpec(new ArrayList<>(policies), meta, "auth/token/create", displayName,
                noParent ? null : parent.id(), ttl, Duration.ZERO, explicitMax, renewable,
                intOf(request.get("num_uses")), "", period));
        return Response.auth(request.id(), tokens.authBlock(token));
    }

    private static int intOf(Object value) {
        return value == null ? 0 : Integer.parseInt(value.toString());
    }
}
