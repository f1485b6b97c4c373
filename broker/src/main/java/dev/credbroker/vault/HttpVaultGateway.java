package dev.credbroker.vault;

import dev.credbroker.variables.VaultConfig;
import dev.credbroker.workload.WorkloadToken;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's Vault calls. Vault's 4xx answers to a login or read become {@link VaultRefusedException}
 * (403 to the caller, Vault's reason kept for the audit log); unreachable or 5xx Vault becomes
 * {@link VaultUnavailableException}. A login takes only an {@link AllowedVault}, checked against the configured
 * targets once, before the open's first Vault call; later calls find their target by address.
 */
@Singleton
public class HttpVaultGateway implements VaultGateway {
    private final VaultHttpClient http;
    private final VaultTargets targets;
    private final RevocationIdentity revocationIdentity;
    private final Clock clock;

    public HttpVaultGateway(VaultHttpClient http, VaultTargets targets, RevocationIdentity revocationIdentity,
                            Clock clock) {
        this.http = http;
        this.targets = targets;
        this.revocationIdentity = revocationIdentity;
        this.clock = clock;
    }

    @Override
    public VaultLogin login(AllowedVault vault, WorkloadToken token) {
        VaultConfig config = vault.config();
        Optional<String> caCert = vault.caCert();
        String path = "auth/" + config.authPath() + "/login";
        VaultHttpClient.Answer answer = http.send("PUT", config.address(), path, config.namespace(), null,
                Map.of("role", config.role(), "jwt", token.compact()), token.identity().runId(),
                config.clientTimeout(), caCert);
        if (answer.status() != 200) {
            throw new VaultRefusedException("Vault refused login at " + path + " with role " + config.role() + ": "
                    + answer.status() + " " + answer.errors());
        }
        Map<String, Object> auth = answer.section("auth");
        Object clientToken = auth.get("client_token");
        Object accessor = auth.get("accessor");
        if (!(clientToken instanceof String t) || !(accessor instanceof String a)) {
            throw new VaultUnavailableException("Vault answered a login at " + path + " without a token");
        }
        if (a.isEmpty() || "batch".equals(auth.get("token_type"))) {
            throw new BatchTokenRefusedException(config.authPath(), config.role());
        }
        long ttl = number(auth.get("lease_duration"));
        @SuppressWarnings("unchecked")
        List<String> policies = auth.get("policies") instanceof List<?> l ? (List<String>) l : List.of();
        return new VaultLogin(config.address(), config.namespace(), a, t, clock.instant().plusSeconds(ttl),
                Boolean.TRUE.equals(auth.get("renewable")), policies, token.identity().runId(), caCert);
    }

    @Override
    public VaultSecret read(VaultLogin login, VaultRequest request) {
        VaultHttpClient.Answer answer = call(login, request.method().name(), request.path(),
                request.method() == VaultRequest.Method.GET ? null : request.body());
        if (answer.status() != 200) {
            throw new VaultRefusedException("Vault refused " + request.method() + " " + request.path() + ": "
                    + answer.status() + " " + answer.errors());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        answer.section("data").forEach((k, v) -> {
            if (v != null) {
                data.put(k, v);
            }
        });
        Object leaseId = answer.body().get("lease_id");
        return new VaultSecret(leaseId == null ? "" : leaseId.toString(),
                Duration.ofSeconds(number(answer.body().get("lease_duration"))),
                Boolean.TRUE.equals(answer.body().get("renewable")), data);
    }

    @Override
    public Instant renewLease(VaultLogin login, String leaseId, Duration increment) {
        VaultHttpClient.Answer answer = call(login, "PUT", "sys/leases/renew",
                Map.of("lease_id", leaseId, "increment", increment.getSeconds()));
        if (answer.status() != 200) {
            throw new VaultRefusedException("Vault refused to renew lease " + leaseId + ": " + answer.status()
                    + " " + answer.errors());
        }
        return clock.instant().plusSeconds(number(answer.body().get("lease_duration")));
    }

    @Override
    public Instant renewSelf(VaultLogin login, Duration increment) {
        VaultHttpClient.Answer answer = call(login, "PUT", "auth/token/renew-self",
                Map.of("increment", increment.getSeconds()));
        if (answer.status() != 200) {
            throw new VaultRefusedException("Vault refused to renew token " + login.accessor() + ": "
                    + answer.status() + " " + answer.errors());
        }
        return clock.instant().plusSeconds(number(answer.section("auth").get("lease_duration")));
    }

    @Override
    public void revokeSelf(VaultLogin login) {
        VaultHttpClient.Answer answer = call(login, "PUT", "auth/token/revoke-self", Map.of());
        // 403 means the token is already gone: revoked or expired, and its leases with it.
        if (answer.status() != 204 && answer.status() != 200 && answer.status() != 403) {
            throw new VaultUnavailableException("Vault did not confirm revoking token " + login.accessor()
                    + ": " + answer.status());
        }
    }

    @Override
    public BrokerRevoker brokerRevoker(String runId) {
        return new BrokerRevoker() {
            @Override
            public void revokeLease(URI address, Optional<String> namespace, String leaseId) {
                // sync: Vault answers only once the engine revoked it; without it a Vault may queue it (202).
                VaultHttpClient.Answer answer = asRevocationIdentity(address, namespace, "sys/leases/revoke",
                        Map.of("lease_id", leaseId, "sync", true), runId);
                if (answer.status() != 204 && answer.status() != 200) {
                    throw new VaultUnavailableException("Vault did not confirm revoking lease " + leaseId + ": "
                            + answer.status() + " " + answer.errors());
                }
            }

            @Override
            public void revokeAccessor(URI address, Optional<String> namespace, String accessor) {
                VaultHttpClient.Answer answer = asRevocationIdentity(address, namespace, "auth/token/revoke-accessor",
                        Map.of("accessor", accessor), runId);
                // Vault >= 1.10 answers an unknown accessor with 200 and a warning. It looks up the accessor, then
                // its token: a token expiring or being revoked right now answers "token not found" while its
                // accessor record lingers (token_store.go); older Vaults said "invalid accessor".
                boolean alreadyGone = answer.status() == 400 && (answer.errors().contains("invalid accessor")
                        || answer.errors().contains("token not found"));
                if (answer.status() != 204 && answer.status() != 200 && !alreadyGone) {
                    throw new VaultUnavailableException("Vault did not confirm revoking accessor " + accessor
                            + ": " + answer.status() + " " + answer.errors());
                }
            }
        };
    }

    private VaultHttpClient.Answer asRevocationIdentity(URI address, Optional<String> namespace, String path,
                                                        Map<String, ?> body, String runId) {
        VaultTarget target = targets.find(address).orElseThrow(() ->
                new VaultTargetNotAllowedException("Vault at " + address + " is no longer a configured target"));
        String token = revocationIdentity.token(target, namespace).orElseThrow(() -> new VaultUnavailableException(
                "no revocation identity is configured for Vault target " + target.getName()));
        VaultHttpClient.Answer answer = http.send("PUT", address, path, namespace, token, body, runId,
                target.getRequestTimeout(), target.encodedCaCert());
        if (answer.status() == 403) {
            revocationIdentity.forget(target, namespace);
        }
        return answer;
    }

    private VaultHttpClient.Answer call(VaultLogin login, String method, String path, Map<String, ?> body) {
        VaultTarget target = targets.find(login.address()).orElseThrow(() ->
                new VaultTargetNotAllowedException("Vault at " + login.address() + " is not a configured target"));
        return http.send(method, login.address(), path, login.namespace(), login.token(), body, login.runId(),
                target.getRequestTimeout(), login.caCert());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
