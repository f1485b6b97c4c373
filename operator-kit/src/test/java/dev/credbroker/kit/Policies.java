package dev.credbroker.kit;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every policy of the kit by name, parsed once. */
final class Policies {
    static final String REVOCATION = "broker-revocation";
    static final Set<String> RUN = Set.of("aws-run", "azure-run", "gcp-run", "vault-provider-run");

    static final Map<String, Policy> ALL = KitFiles.policyFiles().stream()
            .map(Policy::load)
            .collect(Collectors.toMap(Policy::name, p -> p, (a, b) -> a, TreeMap::new));

    private Policies() {
    }

    static Set<String> grantingAnything(String path) {
        return ALL.values().stream().filter(p -> p.grantsAnything(path)).map(Policy::name)
                .collect(Collectors.toSet());
    }
}
