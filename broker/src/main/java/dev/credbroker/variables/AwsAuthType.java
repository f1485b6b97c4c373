package dev.credbroker.variables;

import java.util.Arrays;
import java.util.Optional;

/** {@code TFC_VAULT_BACKED_AWS_AUTH_TYPE}. */
public enum AwsAuthType {
    IAM_USER("iam_user"), ASSUMED_ROLE("assumed_role"), FEDERATION_TOKEN("federation_token");

    private final String value;

    AwsAuthType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<AwsAuthType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
