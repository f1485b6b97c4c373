package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.TestIssuer;
import dev.credbroker.vaultsim.contract.VaultHttp;
import dev.credbroker.vaultsim.testengine.CountingEngine;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running sim with a counting engine at {@code counting/}, JWT auth at {@code jwt/} and a plan role. */
final class SimFixture implements AutoCloseable {
    final VaultSim sim;
    final VaultHttp vault;
    final TestIssuer issuer = new TestIssuer();

    SimFixture() {
        sim = VaultSim.builder().engine("counting", CountingEngine::new).build().listen();
        vault = new VaultHttp(sim.address());
        String root = sim.rootToken();
        assertEquals(204, vault.write("sys/mounts/counting", root, Map.of("type", "counting")).status());
        assertEquals(204, vault.write("sys/auth/jwt", root, Map.of("type", "jwt")).status());
        assertEquals(204, vault.write("auth/jwt/config", root, Map.of(
                "jwt_validation_pubkeys", List.of(issuer.publicPem()), "bound_issuer", TestIssuer.ISSUER)).status());
        assertEquals(204, vault.put("sys/policies/acl/run", root, Map.of("policy", """
                path "counting/*" { capabilities = ["read", "update"] }
                """)).status());
        assertEquals(204, vault.write("auth/jwt/role/plan", root, TestIssuer.planRole("run")).status());
    }

    String root() {
        return sim.rootToken();
    }

    VaultHttp.Reply login() {
        return vault.write("auth/jwt/login", null, Map.of("role", "plan",
                "jwt", issuer.token("plan", sim.clock().instant())));
    }

    String phaseToken() {
        return login().clientToken();
    }

    @Override
    public void close() {
        sim.close();
    }
}
