package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Renewing a JWT-issued token asks the JWT auth method again (vault-plugin-auth-jwt path_login.go
 * pathLoginRenew): the role is read anew, and a role deleted since the login fails the renewal with a server
 * error, not a 400 (vault-api.md, JWT login).
 */
class SimJwtRenewalTest {
    private final SimFixture fixture = new SimFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aJwtTokenRenewsWhileItsRoleExistsAndNotAfterTheRoleIsDeleted() {
        String token = fixture.login().clientToken();
        VaultHttp vault = fixture.vault;
        assertEquals(200, vault.write("auth/token/renew-self", token, Map.of("increment", "10m")).status());

        assertEquals(204, vault.delete("auth/jwt/role/plan", fixture.root()).status());

        VaultHttp.Reply renew = vault.write("auth/token/renew-self", token, Map.of("increment", "10m"));
        assertEquals(500, renew.status(), String.valueOf(renew.body()));
        assertEquals(200, vault.get("auth/token/lookup-self", token).status(), "the token itself still works");
    }
}
