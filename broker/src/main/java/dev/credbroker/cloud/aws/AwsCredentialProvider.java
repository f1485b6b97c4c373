package dev.credbroker.cloud.aws;

import dev.credbroker.cloud.CloudCredentialProvider;
import dev.credbroker.cloud.CredentialFiles;
import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.VaultSecretData;
import dev.credbroker.variables.AwsAuthType;
import dev.credbroker.variables.AwsPlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.variables.VaultPathSegments;
import dev.credbroker.vault.VaultRequest;
import dev.credbroker.vault.VaultSecret;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Vault's AWS secrets engine. {@code iam_user} reads {@code <mount>/creds/<role>}, a revocable lease on an IAM
 * user's keys. {@code assumed_role} and {@code federation_token} write {@code <mount>/sts/<role>}: STS
 * credentials, which revoking the lease does not invalidate (they live until their own expiry). No {@code ttl}
 * is sent: the engine role's {@code default_sts_ttl} applies, which the operator sets to the phase timeout.
 *
 * <p>The run gets an AWS shared credentials file with a {@code [default]} profile. The default
 * configuration also gets the keys and {@code AWS_SHARED_CREDENTIALS_FILE} as environment variables; every
 * configuration gets its entry of {@code tfc_vault_backed_aws_dynamic_credentials}:
 * {@code shared_credentials_file}.
 */
@Singleton
public class AwsCredentialProvider implements CloudCredentialProvider<AwsPlan> {
    static final String FILE_PREFIX = "vault_backed_aws";

    @Override
    public Class<AwsPlan> planType() {
        return AwsPlan.class;
    }

    @Override
    public VaultRequest request(AwsPlan plan) {
        return switch (plan.authType()) {
            case IAM_USER -> VaultRequest.get(VaultPathSegments.join(plan.mountPath(), "creds", plan.vaultRole()));
            case ASSUMED_ROLE -> VaultRequest.post(VaultPathSegments.join(plan.mountPath(), "sts", plan.vaultRole()),
                    Map.of("role_arn", plan.roleArn().orElseThrow(
                            () -> new IllegalArgumentException("assumed_role plan without role ARN"))));
            case FEDERATION_TOKEN -> VaultRequest.post(
                    VaultPathSegments.join(plan.mountPath(), "sts", plan.vaultRole()), Map.of());
        };
    }

    @Override
    public IssuedCredential credential(AwsPlan plan, VaultSecret secret, Instant now) {
        String path = request(plan).path();
        String accessKey = VaultSecretData.required(secret, path, "access_key");
        String secretKey = VaultSecretData.required(secret, path, "secret_key");
        Optional<String> sessionToken = VaultSecretData.optional(secret, path, "security_token");

        String file = CredentialFiles.name(FILE_PREFIX, plan.tag(), "credentials");
        StringBuilder content = new StringBuilder("[default]\n")
                .append("aws_access_key_id = ").append(accessKey).append('\n')
                .append("aws_secret_access_key = ").append(secretKey).append('\n');
        sessionToken.ifPresent(t -> content.append("aws_session_token = ").append(t).append('\n'));

        Map<String, String> env = new LinkedHashMap<>();
        if (plan.tag().isEmpty()) {
            env.put("AWS_ACCESS_KEY_ID", accessKey);
            env.put("AWS_SECRET_ACCESS_KEY", secretKey);
            sessionToken.ifPresent(t -> env.put("AWS_SESSION_TOKEN", t));
            env.put("AWS_SHARED_CREDENTIALS_FILE", file);
        }
        return new IssuedCredential(Provider.AWS, plan.tag(), env, Map.of(file, content.toString()),
                Map.of("shared_credentials_file", file), VaultSecretData.leaseExpiry(secret, now),
                plan.authType() == AwsAuthType.IAM_USER);
    }
}
