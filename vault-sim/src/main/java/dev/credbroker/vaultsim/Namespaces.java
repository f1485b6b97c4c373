package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.core.Dispatcher;
import dev.credbroker.vaultsim.core.Ids;
import dev.credbroker.vaultsim.core.Operation;
import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.core.VaultCore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Vault Enterprise namespaces, as far as the broker meets them (vault-api.md "X-Vault-Namespace"): a request's
 * {@code X-Vault-Namespace} header picks the namespace its path is resolved in; without one it is the root
 * namespace. Each namespace has its own mounts, auth methods, policies, tokens (with their accessors) and
 * leases, so a token works only in the namespace that issued it. The root token works in every namespace, as
 * the root policy does. {@code sys/namespaces/<name>} in the root namespace creates one. Not modelled: nested
 * namespaces, a parent's token acting in a child through policy paths that name it, namespace paths given in
 * the URL instead of the header, the {@code .<nsid>} suffix of lease ids.
 */
final class Namespaces {
    private final Dispatcher root;
    private final VaultCore rootCore;
    private final Supplier<VaultCore> newCore;
    private final String rootToken;
    private final String version;
    private final Map<String, Child> children = new TreeMap<>();

    private record Child(String id, VaultCore core, Dispatcher dispatcher) {
    }

    Namespaces(VaultCore rootCore, Supplier<VaultCore> newCore, String rootToken, String version) {
        this.rootCore = rootCore;
        this.root = new Dispatcher(rootCore, version);
        this.newCore = newCore;
        this.rootToken = rootToken;
        this.version = version;
    }

    Dispatcher root() {
        return root;
    }

    /** The dispatcher for a request's namespace header, if that namespace exists. */
    synchronized Optional<Dispatcher> dispatcher(String header) {
        String name = name(header);
        return name.isEmpty() ? Optional.of(root) : Optional.ofNullable(children.get(name)).map(Child::dispatcher);
    }

    /** Whether {@code sys/namespaces…} in the root namespace is what this request asks for. */
    static boolean handles(String path, String header) {
        return name(header).isEmpty() && (path.equals("sys/namespaces") || path.startsWith("sys/namespaces/"));
    }

    /**
     * {@code POST|PUT sys/namespaces/<name>} creates (root token only here), {@code GET} reads one,
     * {@code LIST sys/namespaces} lists them; answers in the API docs' shapes.
     */
    synchronized Response handle(Request request) {
        if (!rootToken.equals(request.token())) {
            return new Response(403, Map.of("errors", List.of("permission denied")));
        }
        String name = request.path().equals("sys/namespaces") ? "" : name(request.path().substring("sys/namespaces/".length()));
        if (request.operation() == Operation.LIST || name.isEmpty()) {
            if (children.isEmpty()) {
                return new Response(404, Map.of("errors", List.of()));
            }
            Map<String, Object> info = new LinkedHashMap<>();
            children.forEach((n, c) -> info.put(n + "/", describe(n, c)));
            return new Response(200, Map.of("data", Map.of("keys", new ArrayList<>(info.keySet()), "key_info", info)));
        }
        Child child = children.get(name);
        if (request.operation() == Operation.UPDATE) {
            if (child == null) {
                VaultCore core = newCore.get();
                core.tokens().createRoot(rootToken);
                child = new Child(Ids.random(5), core, new Dispatcher(core, version));
                children.put(name, child);
            }
            return new Response(200, Map.of("data", describe(name, child)));
        }
        return child == null ? new Response(404, Map.of("errors", List.of()))
                : new Response(200, Map.of("data", describe(name, child)));
    }

    /** Every namespace's state, the root's first: what the sim's aggregate checks look through. */
    synchronized List<VaultCore> cores() {
        return Stream.concat(Stream.of(rootCore), children.values().stream().map(Child::core)).toList();
    }

    synchronized Optional<VaultCore> core(String namespace) {
        String name = name(namespace);
        return name.isEmpty() ? Optional.of(rootCore) : Optional.ofNullable(children.get(name)).map(Child::core);
    }

    private static Map<String, Object> describe(String name, Child child) {
        return Map.of("id", child.id(), "path", name + "/", "custom_metadata", Map.of());
    }

    private static String name(String header) {
        return header == null ? "" : header.trim().replaceAll("^/+|/+$", "");
    }
}
