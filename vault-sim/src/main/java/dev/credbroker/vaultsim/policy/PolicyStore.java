package dev.credbroker.vaultsim.policy;

import dev.credbroker.vaultsim.VaultError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named ACL policies. {@code default} exists from the start with the paths Vault's built-in default policy
 * grants every token; {@code root} is implicit and can be neither read nor written.
 */
public final class PolicyStore {
    /** Vault's default policy, limited to the token and lease paths it grants (sys/policy default). */
    static final String DEFAULT_POLICY = """
            path "auth/token/lookup-self" { capabilities = ["read"] }
            path "auth/token/renew-self" { capabilities = ["update"] }
            path "auth/token/revoke-self" { capabilities = ["update"] }
            path "sys/capabilities-self" { capabilities = ["update"] }
            path "sys/renew" { capabilities = ["update"] }
            path "sys/leases/renew" { capabilities = ["update"] }
            path "sys/leases/lookup" { capabilities = ["update"] }
            """;

    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, List<PathRule>> parsed = new ConcurrentHashMap<>();

    public PolicyStore() {
        put("default", DEFAULT_POLICY);
    }

    public void put(String name, String hcl) {
        if (name.equals("root")) {
            throw VaultError.badRequest("cannot update \"root\" policy");
        }
        parsed.put(name, PolicyParser.parse(hcl));
        texts.put(name, hcl);
    }

    public String text(String name) {
        String text = texts.get(name);
        if (text == null) {
            throw VaultError.notFound();
        }
        return text;
    }

    public void delete(String name) {
        if (name.equals("root") || name.equals("default")) {
            throw VaultError.badRequest("cannot delete \"" + name + "\" policy");
        }
        texts.remove(name);
        parsed.remove(name);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(new TreeSet<>(texts.keySet()));
        names.add("root");
        return names;
    }

    /** Unknown policy names grant nothing, as in Vault, where a token may name a policy written later. */
    public Acl aclFor(List<String> policies) {
        if (policies.contains("root")) {
            return Acl.root();
        }
        List<PathRule> rules = new ArrayList<>();
        // Policy names are stored lower-cased (handlePoliciesSet), so a role naming "Run-X" finds "run-x".
        policies.forEach(p -> rules.addAll(parsed.getOrDefault(p.toLowerCase(java.util.Locale.ROOT), List.of())));
        return Acl.of(rules);
    }
}
