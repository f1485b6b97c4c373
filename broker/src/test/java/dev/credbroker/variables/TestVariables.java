package dev.credbroker.variables;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixtures for variable tests. */
final class TestVariables {
    /** A real self-signed EC certificate (CN=credbroker-test-ca), made with keytool for these tests. */
    static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBUTCB+aADAgECAgh47pfKJjcy6jAKBggqhkjOPQQDAjAdMRswGQYDVQQDExJj
            cmVkYnJva2VyLXRlc3QtY2EwIBcNMjYxMTI1MTkyODM2WhgPMjEyNjExMDExOTI4
            MzZaMB0xGzAZBgNVBAMTEmNyZWRicm9rZXItdGVzdC1jYTBZMBMGByqGSM49AgEG
            CCqGSM49AwEHA0IABG+uVsUoTQzL/aV/pWg6aSscftOPITp4RHv/cYIMbN7pB1T1
            YOrIEe4t5IiW8An2P9iAmaZrveXTCk2pKJtByeSjITAfMB0GA1UdDgQWBBRCXFUr
            mbwgHFICX88ZDxC3urMlFjAKBggqhkjOPQQDAgNHADBEAiAx1DeoMcq7t6mTQCJl
            iyp0QgHqJPfTt23BHMR9E90feAIgcSA3BzNEhBCHfZubTefRFS+XY6nRjwc4UUKC
            DzVQnrA=
            -----END CERTIFICATE-----
            """;
    static final String CA_B64 = b64(CA_PEM);
    static final String ADDR = "https://vault.example.com:8200";

    private TestVariables() {
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code vars("A", "1", "B", "2")}, keeping order; a {@code null} value is kept as such. */
    static Map<String, String> vars(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    /** {@code base} plus {@code more}, later pairs overriding. */
    static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.putAll(vars(more));
        return map;
    }

    /** Both maps merged, the second overriding. */
    static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> map = new LinkedHashMap<>(a);
        map.putAll(b);
        return map;
    }

    /** The default Vault configuration, without the provider switch. */
    static Map<String, String> vault() {
        return vars("TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "tfc-run");
    }

    static Map<String, String> vaultProvider(String... more) {
        return with(with(vault(), "TFC_VAULT_PROVIDER_AUTH", "true"), more);
    }

    static Map<String, String> aws(String... more) {
        return with(with(vault(), "TFC_VAULT_BACKED_AWS_AUTH", "true",
                "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user",
                "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "deploy"), more);
    }

    static Map<String, String> azure(String... more) {
        return with(with(vault(), "TFC_VAULT_BACKED_AZURE_AUTH", "true",
                "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE", "contributor"), more);
    }

    static Map<String, String> gcp(String... more) {
        return with(with(vault(), "TFC_VAULT_BACKED_GCP_AUTH", "true",
                "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/access_token",
                "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "viewer"), more);
    }
}
