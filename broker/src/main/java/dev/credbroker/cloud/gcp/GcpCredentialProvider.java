package dev.credbroker.cloud.gcp;

import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CredentialFiles;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.cloud.VaultSecretData;
import dev.credbroker.variables.GcpPlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.variables.VaultPathSegments;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Vault's GCP secrets engine: {@code GET <mount>/roleset/<rs>/token|key} or
 * {@code GET <mount>/static-account/<name>/token|key}.
 *
 * <ul>
 *   <li>Access tokens ({@code token}, {@code token_ttl}, {@code expires_at_seconds}) have no lease and cannot
 *       be revoked; they expire on their own. The default configuration gets
 *       {@code GOOGLE_OAUTH_ACCESS_TOKEN}; every configuration gets {@code access_token} (the token itself,
 *       as the Google provider's argument takes it) in {@code tfc_vault_backed_gcp_dynamic_credentials}.</li>
 *   <li>Service account keys ({@code private_key_data}: base64 of the key JSON) are leased; revoking the lease
 *       deletes the key. The JSON is written to {@code vault_backed_gcp[_TAG]_credentials.json}, referenced
 *       by the {@code credentials} field; the default configuration also gets {@code GOOGLE_CREDENTIALS} with
 *       the JSON itself.</li>
 * </ul>
 */
@Singleton
public class GcpCredentialProvider implements CloudCredentialProvider<GcpPlan> {
    static final String FILE_PREFIX = "vault_backed_gcp";

    @Override
    public Class<GcpPlan> planType() {
        return GcpPlan.class;
    }

    @Override
    public VaultRequest request(GcpPlan plan) {
        String kind = plan.authType().roleset() ? "roleset" : "static-account";
        String what = plan.authType().serviceAccountKey() ? "key" : "token";
        return VaultRequest.get(VaultPathSegments.join(plan.mountPath(), kind, plan.vaultName(), what));
    }

    @Override
    public IssuedCredential credential(GcpPlan plan, VaultSecret secret, Instant now) {
        String path = request(plan).path();
        return plan.authType().serviceAccountKey()
                ? keyCredential(plan, secret, now, path)
                : tokenCredential(plan, secret, now, path);
    }

    private static IssuedCredential tokenCredential(GcpPlan plan, VaultSecret secret, Instant now, String path) {
        String token = VaultSecretData.required(secret, path, "token");
        Optional<Instant> expiresAt = VaultSecretData.number(secret, path, "expires_at_seconds")
                .map(Instant::ofEpochSecond)
                .or(() -> VaultSecretData.number(secret, path, "token_ttl").map(now::plusSeconds))
                .or(() -> VaultSecretData.leaseExpiry(secret, now));
        Map<String, String> env = plan.tag().isEmpty() ? Map.of("GOOGLE_OAUTH_ACCESS_TOKEN", token) : Map.of();
        return new IssuedCredential(Provider.GCP, plan.tag(), env, Map.of(), Map.of("access_token", token),
                expiresAt, false);
    }

    private static IssuedCredential keyCredential(GcpPlan plan, VaultSecret secret, Instant now, String path) {
        String encoded = VaultSecretData.required(secret, path, "private_key_data");
        String json = decodeKey(encoded, path);
        String file = CredentialFiles.name(FILE_PREFIX, plan.tag(), "credentials.json");
        Map<String, String> env = plan.tag().isEmpty() ? Map.of("GOOGLE_CREDENTIALS", json) : Map.of();
        return new IssuedCredential(Provider.GCP, plan.tag(), env, Map.of(file, json), Map.of("credentials", file),
                VaultSecretData.leaseExpiry(secret, now), true);
    }

    /** Base64 of UTF-8 JSON (an object: a service account key file). */
    static String decodeKey(String encoded, String path) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            String trimmed = json.strip();
            if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
                throw new MalformedVaultResponseException(path, "private_key_data is not a JSON key file");
            }
            return json;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new MalformedVaultResponseException(path, "private_key_data is not base64 of UTF-8 JSON");
        }
    }
}
