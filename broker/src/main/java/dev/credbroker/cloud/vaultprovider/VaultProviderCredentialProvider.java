package dev.credbroker.cloud.vaultprovider;

import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CredentialFiles;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.cloud.VaultSecretData;
import dev.credbroker.variables.Provider;
import dev.credbroker.variables.VaultConfig;
import dev.credbroker.variables.VaultProviderPlan;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code TFC_VAULT_PROVIDER_AUTH[_TAG]=true}: the run gets the phase's own Vault token, for the Terraform Vault
 * provider. Handled like every other plan, with no special case in the phase service: the "read" is
 * {@code GET auth/token/lookup-self} with that token, whose answer carries the token ({@code id}) and its
 * expiry ({@code expire_time}, {@code ttl}). HCP's policy already grants {@code lookup-self}, and the read
 * proves the token is alive before it is handed out. The token is revoked with the phase ({@code revoke-self}
 * or the revocation identity's {@code revoke-accessor}), hence revocable.
 *
 * <p>Files: {@code vault[_TAG]_token}, and {@code vault[_TAG]_ca_cert.pem} when
 * {@code TFC_VAULT_ENCODED_CACERT} is set. Every configuration gets its entry of
 * {@code tfc_vault_dynamic_credentials}: {@code token_filename}, {@code address}, {@code namespace},
 * {@code ca_cert_file}. The default configuration also gets {@code VAULT_ADDR}, {@code VAULT_NAMESPACE} (both
 * documented by HCP), {@code VAULT_TOKEN} and {@code VAULT_CACERT} (the Vault provider's own variables).
 */
@Singleton
public class VaultProviderCredentialProvider implements CloudCredentialProvider<VaultProviderPlan> {
    public static final String LOOKUP_SELF = "auth/token/lookup-self";
    static final String FILE_PREFIX = "vault";

    @Override
    public Class<VaultProviderPlan> planType() {
        return VaultProviderPlan.class;
    }

    @Override
    public VaultRequest request(VaultProviderPlan plan) {
        return VaultRequest.get(LOOKUP_SELF);
    }

    @Override
    public IssuedCredential credential(VaultProviderPlan plan, VaultSecret secret, Instant now) {
        VaultConfig vault = plan.vault();
        String token = VaultSecretData.required(secret, LOOKUP_SELF, "id");
        Optional<Instant> expiresAt = expireTime(secret)
                .or(() -> VaultSecretData.number(secret, LOOKUP_SELF, "ttl").filter(ttl -> ttl > 0)
                        .map(now::plusSeconds))
                .or(() -> VaultSecretData.leaseExpiry(secret, now));

        String tokenFile = CredentialFiles.name(FILE_PREFIX, plan.tag(), "token");
        Map<String, String> files = new LinkedHashMap<>();
        files.put(tokenFile, token);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token_filename", tokenFile);
        fields.put("address", vault.address().toString());
        vault.namespace().ifPresent(ns -> fields.put("namespace", ns));
        Optional<String> caFile = vault.encodedCaCert().map(encoded -> {
            String name = CredentialFiles.name(FILE_PREFIX, plan.tag(), "ca_cert.pem");
            files.put(name, new String(Base64.getDecoder().decode(encoded.replaceAll("\\s", "")),
                    StandardCharsets.US_ASCII));
            return name;
        });
        caFile.ifPresent(f -> fields.put("ca_cert_file", f));

        Map<String, String> env = new LinkedHashMap<>();
        if (plan.tag().isEmpty()) {
            env.put("VAULT_ADDR", vault.address().toString());
            vault.namespace().ifPresent(ns -> env.put("VAULT_NAMESPACE", ns));
            env.put("VAULT_TOKEN", token);
            caFile.ifPresent(f -> env.put("VAULT_CACERT", f));
        }
        return new IssuedCredential(Provider.VAULT, plan.tag(), env, files, fields, expiresAt, true);
    }

    /** {@code expire_time}: RFC 3339, {@code null} for a token without expiry. */
    private static Optional<Instant> expireTime(VaultSecret secret) {
        Object value = secret.data().get("expire_time");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new MalformedVaultResponseException(LOOKUP_SELF, "expire_time is not a timestamp");
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            throw new MalformedVaultResponseException(LOOKUP_SELF, "expire_time is not a timestamp");
        }
    }
}
