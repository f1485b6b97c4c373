package dev.credbroker.variables;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code TFC_VAULT_BACKED_AWS_*[_TAG]}.
 *
 * @param vaultRole the AWS secrets engine role for this phase
 * @param roleArn   the role to assume, required for {@link AwsAuthType#ASSUMED_ROLE}
 * @param sleep     {@code SLEEP_SECONDS}, at most 1500 s
 */
public record AwsPlan(String tag, VaultConfig vault, AwsAuthType authType, String mountPath, String vaultRole,
                      Optional<String> roleArn, Duration sleep) implements CredentialPlan {
    public static final String DEFAULT_MOUNT_PATH = "aws";

    @Override
    public Provider provider() {
        return Provider.AWS;
    }
}
