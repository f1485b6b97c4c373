package dev.credbroker.vaultsim.policy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A token's policies merged into one ACL, as Vault does: capabilities of identical patterns are unioned,
 * then the highest-priority matching pattern alone decides, and {@code deny} there refuses everything.
 */
public final class Acl {
    private final boolean root;
    private final Map<String, PathRule> rules = new LinkedHashMap<>();

    private Acl(boolean root) {
        this.root = root;
    }

    public static Acl root() {
        return new Acl(true);
    }

    public static Acl of(Collection<PathRule> merged) {
        Acl acl = new Acl(false);
        for (PathRule rule : merged) {
            acl.rules.merge(rule.pattern(), rule, (a, b) -> {
                Set<Capability> union = EnumSet.copyOf(a.capabilities());
                union.addAll(b.capabilities());
                return new PathRule(a.pattern(), union);
            });
        }
        return acl;
    }

    public boolean allows(String path, Capability needed) {
        if (root) {
            return true;
        }
        Optional<PathRule> best = rules.values().stream().filter(r -> r.matches(path)).max(PathRule.PRIORITY);
        return best.map(r -> !r.capabilities().contains(Capability.DENY) && r.capabilities().contains(needed))
                .orElse(false);
    }
}
