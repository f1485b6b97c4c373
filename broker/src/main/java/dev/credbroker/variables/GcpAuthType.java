package dev.credbroker.variables;

import java.util.Arrays;
import java.util.Optional;

/** {@code TFC_VAULT_BACKED_GCP_AUTH_TYPE}. */
public enum GcpAuthType {
    ROLESET_ACCESS_TOKEN("roleset/access_token"),
    ROLESET_SERVICE_ACCOUNT_KEY("roleset/service_account_key"),
    STATIC_ACCOUNT_ACCESS_TOKEN("static_account/access_token"),
    STATIC_ACCOUNT_SERVICE_ACCOUNT_KEY("static_account/service_account_key");

    private final String value;

    GcpAuthType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean roleset() {
        return value.startsWith("roleset/");
    }

    public boolean serviceAccountKey() {
        return value.endsWith("/service_account_key");
    }

    public static Optional<GcpAuthType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
