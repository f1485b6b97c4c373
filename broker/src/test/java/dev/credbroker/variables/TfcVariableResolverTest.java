package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.credbroker.variables.TestVariables.ADDR;
import static dev.credbroker.variables.TestVariables.CA_B64;
import static dev.credbroker.variables.TestVariables.aws;
import static dev.credbroker.variables.TestVariables.azure;
import static dev.credbroker.variables.TestVariables.b64;
import static dev.credbroker.variables.TestVariables.gcp;
import static dev.credbroker.variables.TestVariables.vars;
import static dev.credbroker.variables.TestVariables.vault;
import static dev.credbroker.variables.TestVariables.vaultProvider;
import static dev.credbroker.variables.TestVariables.with;
import static dev.credbroker.workload.RunPhase.APPLY;
import static dev.credbroker.workload.RunPhase.PLAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfcVariableResolverTest {
    private final TfcVariableResolver sut = new TfcVariableResolver();

    // ---------------------------------------------------------------------------------------------- valid

    record Valid(String name, Map<String, String> variables, RunPhase phase, Consumer<List<CredentialPlan>> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> validCases() {
        return Stream.of(
                new Valid("no variables, no plans", Map.of(), PLAN, plans -> assertEquals(List.of(), plans)),
                new Valid("names outside the families are ignored", vars(
                        "PATH", "/bin", "TFC_AWS_PROVIDER_AUTH", "true", "TFC_AWS_RUN_ROLE_ARN", "x",
                        "TFC_DEFAULT_AWS_RUN_ROLE_ARN", "x", "TFC_WORKLOAD_IDENTITY_AUDIENCE", "a",
                        "TFC_VAULT", "x", "tfc_vault_addr", "x", "TFC_HVS_BACKED_AWS_AUTH", "true"), PLAN,
                        plans -> assertEquals(List.of(), plans)),
                new Valid("a Vault configuration alone yields no plan", vault(), PLAN,
                        plans -> assertEquals(List.of(), plans)),
                new Valid("vault provider with defaults", vaultProvider(), PLAN, plans -> assertEquals(
                        List.of(new VaultProviderPlan(new VaultConfig("", URI.create(ADDR), Optional.empty(), "jwt",
                                "tfc-run", "vault.workload.identity", Optional.empty(), Duration.ofSeconds(60)))),
                        plans)),
                new Valid("vault provider with every option", vaultProvider(
                        "TFC_VAULT_NAMESPACE", "admin/team-a", "TFC_VAULT_AUTH_PATH", "jwt/tfc",
                        "TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE", "my.audience", "TFC_VAULT_ENCODED_CACERT", CA_B64,
                        "TFC_VAULT_CLIENT_TIMEOUT", "30"), PLAN, plans -> assertEquals(
                        List.of(new VaultProviderPlan(new VaultConfig("", URI.create(ADDR), Optional.of("admin/team-a"),
                                "jwt/tfc", "tfc-run", "my.audience", Optional.of(CA_B64), Duration.ofSeconds(30)))),
                        plans)),
                new Valid("CA bundle wrapped at 76 columns (base64 default) is accepted",
                        vaultProvider("TFC_VAULT_ENCODED_CACERT", wrap(CA_B64)), PLAN,
                        plans -> assertTrue(vaultOf(plans, 0).encodedCaCert().isPresent())),
                new Valid("address with trailing slash and upper-case scheme is normalised",
                        vaultProvider("TFC_VAULT_ADDR", "HTTPS://vault.example.com:8200/"), PLAN,
                        plans -> assertEquals(URI.create(ADDR), vaultOf(plans, 0).address())),
                new Valid("IPv6 literal address", vaultProvider("TFC_VAULT_ADDR", "http://[::1]:8200"), PLAN,
                        plans -> assertEquals(URI.create("http://[::1]:8200"), vaultOf(plans, 0).address())),
                new Valid("plan phase reads PLAN_ROLE", vaultProvider("TFC_VAULT_PLAN_ROLE", "p",
                        "TFC_VAULT_APPLY_ROLE", "a"), PLAN, plans -> assertEquals("p", vaultOf(plans, 0).role())),
                new Valid("apply phase reads APPLY_ROLE", vaultProvider("TFC_VAULT_PLAN_ROLE", "p",
                        "TFC_VAULT_APPLY_ROLE", "a"), APPLY, plans -> assertEquals("a", vaultOf(plans, 0).role())),
                new Valid("apply phase falls back to RUN_ROLE", vaultProvider("TFC_VAULT_PLAN_ROLE", "p"), APPLY,
                        plans -> assertEquals("tfc-run", vaultOf(plans, 0).role())),
                new Valid("PLAN and APPLY roles without RUN role", vars("TFC_VAULT_PROVIDER_AUTH", "true",
                        "TFC_VAULT_ADDR", ADDR, "TFC_VAULT_PLAN_ROLE", "p", "TFC_VAULT_APPLY_ROLE", "a"), APPLY,
                        plans -> assertEquals("a", vaultOf(plans, 0).role())),
                new Valid("provider switch false disables the configuration",
                        vaultProvider("TFC_VAULT_PROVIDER_AUTH", "false"), PLAN,
                        plans -> assertEquals(List.of(), plans)),
                new Valid("tagged configuration reads TFC_DEFAULT_ values", vars(
                        "TFC_VAULT_PROVIDER_AUTH_PROD", "true", "TFC_DEFAULT_VAULT_ADDR", ADDR,
                        "TFC_DEFAULT_VAULT_RUN_ROLE", "shared", "TFC_DEFAULT_VAULT_NAMESPACE", "ns"), PLAN,
                        plans -> {
                            VaultConfig v = vaultOf(plans, 0);
                            assertEquals("PROD", v.tag());
                            assertEquals("shared", v.role());
                            assertEquals(Optional.of("ns"), v.namespace());
                        }),
                new Valid("explicit tagged value beats TFC_DEFAULT_", vars(
                        "TFC_VAULT_PROVIDER_AUTH_PROD", "true", "TFC_DEFAULT_VAULT_ADDR", "https://other:8200",
                        "TFC_VAULT_ADDR_PROD", ADDR, "TFC_DEFAULT_VAULT_RUN_ROLE", "shared",
                        "TFC_VAULT_RUN_ROLE_PROD", "prod"), PLAN, plans -> {
                            assertEquals(URI.create(ADDR), vaultOf(plans, 0).address());
                            assertEquals("prod", vaultOf(plans, 0).role());
                        }),
                new Valid("explicit untagged value beats TFC_DEFAULT_ for the default configuration",
                        vaultProvider("TFC_DEFAULT_VAULT_AUTH_PATH", "oidc", "TFC_VAULT_AUTH_PATH", "jwt2"), PLAN,
                        plans -> assertEquals("jwt2", vaultOf(plans, 0).authPath())),
                new Valid("phase-specific default beats explicit RUN (OTF's order)", vars(
                        "TFC_VAULT_PROVIDER_AUTH_PROD", "true", "TFC_VAULT_ADDR_PROD", ADDR,
                        "TFC_VAULT_RUN_ROLE_PROD", "prod-run", "TFC_DEFAULT_VAULT_PLAN_ROLE", "any-plan"), PLAN,
                        plans -> assertEquals("any-plan", vaultOf(plans, 0).role())),
                new Valid("lower-case tags are tags, and keep their case", vars(
                        "TFC_VAULT_PROVIDER_AUTH_dev", "true", "TFC_VAULT_ADDR_dev", ADDR,
                        "TFC_VAULT_RUN_ROLE_dev", "r"), PLAN, plans -> assertEquals("dev", plans.get(0).tag())),
                new Valid("ordering: Vault, AWS, Azure, GCP; default first, then tags", with(aws(),
                        "TFC_VAULT_PROVIDER_AUTH_B", "true", "TFC_VAULT_ADDR_B", ADDR, "TFC_VAULT_RUN_ROLE_B", "r",
                        "TFC_VAULT_PROVIDER_AUTH_A", "true", "TFC_VAULT_ADDR_A", ADDR, "TFC_VAULT_RUN_ROLE_A", "r",
                        "TFC_VAULT_PROVIDER_AUTH", "true",
                        "TFC_VAULT_BACKED_GCP_AUTH", "true", "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/access_token",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "rs",
                        "TFC_VAULT_BACKED_AZURE_AUTH_Z", "true", "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_Z", "r",
                        "TFC_VAULT_BACKED_AWS_AUTH_X", "true", "TFC_VAULT_BACKED_AWS_AUTH_TYPE_X", "iam_user",
                        "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_X", "r"), PLAN, plans -> assertEquals(
                        List.of("vault:", "vault:A", "vault:B", "aws:", "aws:X", "azure:Z", "gcp:"),
                        plans.stream().map(p -> p.provider().id() + ":" + p.tag()).toList())),
                new Valid("AWS iam_user with defaults", aws(), PLAN, plans -> {
                    AwsPlan p = assertInstanceOf(AwsPlan.class, plans.get(0));
                    assertEquals(new AwsPlan("", vaultConfig("tfc-run"), AwsAuthType.IAM_USER, "aws", "deploy",
                            Optional.empty(), Duration.ZERO), p);
                }),
                new Valid("AWS assumed_role reads the phase's role ARN", aws(
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "assumed_role",
                        "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "arn:aws:iam::123456789012:role/run",
                        "TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN", "arn:aws-us-gov:iam::123456789012:role/ops/apply"),
                        APPLY, plans -> {
                            AwsPlan p = (AwsPlan) plans.get(0);
                            assertEquals(AwsAuthType.ASSUMED_ROLE, p.authType());
                            assertEquals(Optional.of("arn:aws-us-gov:iam::123456789012:role/ops/apply"), p.roleArn());
                        }),
                new Valid("AWS assumed_role plan phase falls back to RUN ARN", aws(
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "assumed_role",
                        "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "arn:aws:iam::123456789012:role/run",
                        "TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN", "arn:aws:iam::123456789012:role/apply"), PLAN,
                        plans -> assertEquals(Optional.of("arn:aws:iam::123456789012:role/run"),
                                ((AwsPlan) plans.get(0)).roleArn())),
                new Valid("AWS federation_token", aws("TFC_VAULT_BACKED_AWS_AUTH_TYPE", "federation_token"), PLAN,
                        plans -> assertEquals(AwsAuthType.FEDERATION_TOKEN, ((AwsPlan) plans.get(0)).authType())),
                new Valid("AWS mount path with segments, sleep, phase Vault role", aws(
                        "TFC_VAULT_BACKED_AWS_MOUNT_PATH", "cloud/aws-prod",
                        "TFC_VAULT_BACKED_AWS_SLEEP_SECONDS", "1500",
                        "TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE", "read.only@x"), PLAN, plans -> {
                            AwsPlan p = (AwsPlan) plans.get(0);
                            assertEquals("cloud/aws-prod", p.mountPath());
                            assertEquals(Duration.ofSeconds(1500), p.sleep());
                            assertEquals("read.only@x", p.vaultRole());
                        }),
                new Valid("AWS TFC_DEFAULT_ role ARN is ignored for iam_user",
                        aws("TFC_DEFAULT_VAULT_BACKED_AWS_RUN_ROLE_ARN", "arn:aws:iam::123456789012:role/r"), PLAN,
                        plans -> assertEquals(Optional.empty(), ((AwsPlan) plans.get(0)).roleArn())),
                new Valid("AUTH_TYPE_<TAG> is AUTH_TYPE with a tag, not AUTH with tag TYPE_<TAG>", vars(
                        "TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "r",
                        "TFC_VAULT_BACKED_AWS_AUTH_PROD", "true", "TFC_VAULT_BACKED_AWS_AUTH_TYPE_PROD",
                        "federation_token", "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_PROD", "r"), PLAN, plans -> {
                            AwsPlan p = (AwsPlan) plans.get(0);
                            assertEquals("PROD", p.tag());
                            assertEquals(AwsAuthType.FEDERATION_TOKEN, p.authType());
                        }),
                new Valid("tagged Vault-backed configuration logs in with the default Vault configuration",
                        vars("TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "tfc-run",
                                "TFC_VAULT_BACKED_AZURE_AUTH_PROD", "true",
                                "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_PROD", "r"), PLAN,
                        plans -> assertEquals(vaultConfig("tfc-run"), plans.get(0).vault())),
                new Valid("VAULT_CONFIG picks a tagged Vault configuration", aws(
                        "TFC_VAULT_BACKED_AWS_VAULT_CONFIG", "SECONDARY",
                        "TFC_VAULT_ADDR_SECONDARY", "https://vault2.example.com", "TFC_VAULT_RUN_ROLE_SECONDARY", "r2",
                        "TFC_VAULT_AUTH_PATH_SECONDARY", "jwt-tfc"), PLAN, plans -> {
                            VaultConfig v = plans.get(0).vault();
                            assertEquals("SECONDARY", v.tag());
                            assertEquals(URI.create("https://vault2.example.com"), v.address());
                            assertEquals("jwt-tfc", v.authPath());
                        }),
                new Valid("TFC_DEFAULT_ VAULT_CONFIG applies to every Vault-backed configuration", vars(
                        "TFC_VAULT_ADDR_V", ADDR, "TFC_VAULT_RUN_ROLE_V", "r",
                        "TFC_DEFAULT_VAULT_BACKED_AZURE_VAULT_CONFIG", "V",
                        "TFC_VAULT_BACKED_AZURE_AUTH", "true", "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE", "a",
                        "TFC_VAULT_BACKED_AZURE_AUTH_T", "true", "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_T", "b"), PLAN,
                        plans -> assertEquals(List.of("V", "V"), plans.stream().map(p -> p.vault().tag()).toList())),
                new Valid("plans sharing a Vault configuration share one VaultConfig", TestVariables.merge(aws(), azure()), PLAN,
                        plans -> assertSame(plans.get(0).vault(), plans.get(1).vault())),
                new Valid("Azure with defaults", azure(), PLAN, plans -> assertEquals(
                        new AzurePlan("", vaultConfig("tfc-run"), "azure", "contributor", Duration.ZERO),
                        plans.get(0))),
                new Valid("Azure mount path and sleep 0", azure("TFC_VAULT_BACKED_AZURE_MOUNT_PATH", "az",
                        "TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS", "0"), APPLY, plans -> {
                            AzurePlan p = (AzurePlan) plans.get(0);
                            assertEquals("az", p.mountPath());
                            assertEquals(Duration.ZERO, p.sleep());
                        }),
                new Valid("GCP roleset/access_token", gcp(), PLAN, plans -> assertEquals(
                        new GcpPlan("", vaultConfig("tfc-run"), GcpAuthType.ROLESET_ACCESS_TOKEN, "gcp", "viewer"),
                        plans.get(0))),
                new Valid("GCP roleset/service_account_key, phase roleset",
                        gcp("TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/service_account_key",
                                "TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET", "editor"), APPLY, plans -> {
                            GcpPlan p = (GcpPlan) plans.get(0);
                            assertEquals(GcpAuthType.ROLESET_SERVICE_ACCOUNT_KEY, p.authType());
                            assertEquals("editor", p.vaultName());
                        }),
                new Valid("GCP static_account/access_token", vars("TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "r",
                        "TFC_VAULT_BACKED_GCP_AUTH", "true", "TFC_VAULT_BACKED_GCP_AUTH_TYPE",
                        "static_account/access_token", "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT", "sa",
                        "TFC_VAULT_BACKED_GCP_MOUNT_PATH", "gcp-prod"), PLAN, plans -> {
                            GcpPlan p = (GcpPlan) plans.get(0);
                            assertEquals(GcpAuthType.STATIC_ACCOUNT_ACCESS_TOKEN, p.authType());
                            assertEquals("sa", p.vaultName());
                            assertEquals("gcp-prod", p.mountPath());
                        }),
                new Valid("GCP static_account/service_account_key ignores a TFC_DEFAULT_ roleset", vars(
                        "TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "r",
                        "TFC_VAULT_BACKED_GCP_AUTH", "true", "TFC_VAULT_BACKED_GCP_AUTH_TYPE",
                        "static_account/service_account_key", "TFC_VAULT_BACKED_GCP_PLAN_VAULT_STATIC_ACCOUNT", "sa",
                        "TFC_DEFAULT_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "rs"), PLAN, plans -> {
                            GcpPlan p = (GcpPlan) plans.get(0);
                            assertEquals(GcpAuthType.STATIC_ACCOUNT_SERVICE_ACCOUNT_KEY, p.authType());
                            assertEquals("sa", p.vaultName());
                        }),
                new Valid("variables of a configuration without its switch are ignored", with(vault(),
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE_X", "bogus", "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_X", ".."),
                        PLAN, plans -> assertEquals(List.of(), plans)),
                new Valid("variables of a switched-off configuration are ignored", with(vault(),
                        "TFC_VAULT_BACKED_AWS_AUTH", "false", "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "bogus"),
                        PLAN, plans -> assertEquals(List.of(), plans)),
                new Valid("an unused Vault configuration is not read", with(aws(),
                        "TFC_VAULT_ADDR_UNUSED", "not a url"), PLAN, plans -> assertEquals(1, plans.size())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void resolveShouldYieldPlans(Valid c) {
        c.check().accept(sut.resolve(c.variables(), c.phase()));
    }

    // ---------------------------------------------------------------------------------------------- invalid

    record Invalid(String name, Map<String, String> variables, RunPhase phase, String variable, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidCases() {
        List<Invalid> cases = new ArrayList<>(List.of(
                invalid("typo in a Vault-backed name", aws("TFC_VAULT_BACKED_AWS_AUHT_TYPE", "iam_user"),
                        "TFC_VAULT_BACKED_AWS_AUHT_TYPE", "unknown variable"),
                invalid("typo in a Vault name", vaultProvider("TFC_VAULT_ADRR", ADDR),
                        "TFC_VAULT_ADRR", "unknown variable"),
                invalid("unknown Vault-backed cloud", vault("TFC_VAULT_BACKED_OCI_AUTH", "true"),
                        "TFC_VAULT_BACKED_OCI_AUTH", "unknown variable"),
                invalid("GCP has no SLEEP_SECONDS", gcp("TFC_VAULT_BACKED_GCP_SLEEP_SECONDS", "5"),
                        "TFC_VAULT_BACKED_GCP_SLEEP_SECONDS", "unknown variable"),
                invalid("a switch has no TFC_DEFAULT_ form", vault("TFC_DEFAULT_VAULT_PROVIDER_AUTH", "true"),
                        "TFC_DEFAULT_VAULT_PROVIDER_AUTH", "no TFC_DEFAULT_ form"),
                invalid("TFC_DEFAULT_ forms take no tag", vault("TFC_DEFAULT_VAULT_ADDR_PROD", ADDR),
                        "TFC_DEFAULT_VAULT_ADDR_PROD", "unknown variable"),
                invalid("TFC_DEFAULT_ typo", vault("TFC_DEFAULT_VAULT_BACKED_AWS_ROLE", "r"),
                        "TFC_DEFAULT_VAULT_BACKED_AWS_ROLE", "unknown variable"),
                invalid("TYPE is reserved: Azure has no AUTH_TYPE",
                        azure("TFC_VAULT_BACKED_AZURE_AUTH_TYPE", "iam_user"),
                        "TFC_VAULT_BACKED_AZURE_AUTH_TYPE", "TYPE is reserved"),
                invalid("tag with a dash", vault("TFC_VAULT_ADDR_PROD-EU", ADDR),
                        "TFC_VAULT_ADDR_PROD-EU", "malformed tag"),
                invalid("tag with a slash", vault("TFC_VAULT_RUN_ROLE_a/b", "r"),
                        "TFC_VAULT_RUN_ROLE_a/b", "malformed tag"),
                invalid("empty tag", vault("TFC_VAULT_ADDR_", ADDR), "TFC_VAULT_ADDR_", "malformed tag"),
                invalid("switch must be exactly true", vaultProvider("TFC_VAULT_PROVIDER_AUTH", "TRUE"),
                        "TFC_VAULT_PROVIDER_AUTH", "must be true or false"),
                invalid("tagged switch yes", aws("TFC_VAULT_BACKED_AWS_AUTH_X", "yes"),
                        "TFC_VAULT_BACKED_AWS_AUTH_X", "must be true or false"),
                invalid("empty switch", vault("TFC_VAULT_BACKED_AZURE_AUTH", ""),
                        "TFC_VAULT_BACKED_AZURE_AUTH", "must be true or false"),
                invalid("Vault provider without address", vars("TFC_VAULT_PROVIDER_AUTH", "true",
                        "TFC_VAULT_RUN_ROLE", "r"), "TFC_VAULT_ADDR", "required"),
                invalid("tagged Vault provider without address (untagged one does not apply)", vars(
                        "TFC_VAULT_ADDR", ADDR, "TFC_VAULT_PROVIDER_AUTH_PROD", "true",
                        "TFC_VAULT_RUN_ROLE_PROD", "r"), "TFC_VAULT_ADDR_PROD", "required"),
                invalid("empty address", vaultProvider("TFC_VAULT_ADDR", ""), "TFC_VAULT_ADDR", "must not be empty"),
                invalid("null address", vaultProvider("TFC_VAULT_ADDR", null), "TFC_VAULT_ADDR",
                        "must not be empty"),
                invalid("Vault provider without role", vars("TFC_VAULT_PROVIDER_AUTH", "true",
                        "TFC_VAULT_ADDR", ADDR), "TFC_VAULT_RUN_ROLE", "required"),
                new Invalid("only PLAN role, apply phase", vars("TFC_VAULT_PROVIDER_AUTH", "true",
                        "TFC_VAULT_ADDR", ADDR, "TFC_VAULT_PLAN_ROLE", "p"), APPLY, "TFC_VAULT_RUN_ROLE",
                        "unless both TFC_VAULT_PLAN_ROLE and TFC_VAULT_APPLY_ROLE are set"),
                invalid("bad default address names the TFC_DEFAULT_ variable", vars(
                        "TFC_VAULT_PROVIDER_AUTH_T", "true", "TFC_VAULT_RUN_ROLE_T", "r",
                        "TFC_DEFAULT_VAULT_ADDR", "gopher://vault"), "TFC_DEFAULT_VAULT_ADDR", "http or https"),
                invalid("role ..", vaultProvider("TFC_VAULT_RUN_ROLE", ".."), "TFC_VAULT_RUN_ROLE", "single path segment"),
                invalid("bad APPLY role fails in plan phase already", vaultProvider("TFC_VAULT_APPLY_ROLE", "a/b"),
                        "TFC_VAULT_APPLY_ROLE", "single path segment"),
                invalid("auth path traversal", vaultProvider("TFC_VAULT_AUTH_PATH", "jwt/../userpass"),
                        "TFC_VAULT_AUTH_PATH", "no empty, . or .. segment"),
                invalid("namespace traversal", vaultProvider("TFC_VAULT_NAMESPACE", "../root"),
                        "TFC_VAULT_NAMESPACE", "no empty, . or .. segment"),
                invalid("audience with a newline", vaultProvider("TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE", "a\nb"),
                        "TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE", "control characters"),
                invalid("CA not base64", vaultProvider("TFC_VAULT_ENCODED_CACERT", "not*base64!"),
                        "TFC_VAULT_ENCODED_CACERT", "base64 of a PEM"),
                invalid("CA base64 of something not PEM", vaultProvider("TFC_VAULT_ENCODED_CACERT",
                        b64("hello secret world")), "TFC_VAULT_ENCODED_CACERT", "base64 of a PEM"),
                invalid("CA PEM markers around garbage", vaultProvider("TFC_VAULT_ENCODED_CACERT",
                        b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")),
                        "TFC_VAULT_ENCODED_CACERT", "base64 of a PEM"),
                invalid("CA given as raw PEM, not base64", vaultProvider("TFC_VAULT_ENCODED_CACERT",
                        TestVariables.CA_PEM), "TFC_VAULT_ENCODED_CACERT", "base64 of a PEM"),
                invalid("AWS without AUTH_TYPE", with(vault(), "TFC_VAULT_BACKED_AWS_AUTH", "true",
                        "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "r"), "TFC_VAULT_BACKED_AWS_AUTH_TYPE",
                        "required when TFC_VAULT_BACKED_AWS_AUTH is true; one of iam_user, assumed_role, federation_token"),
                invalid("AWS unknown AUTH_TYPE", aws("TFC_VAULT_BACKED_AWS_AUTH_TYPE", "assume_role"),
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "must be one of iam_user, assumed_role, federation_token"),
                invalid("AWS without Vault role", with(vault(), "TFC_VAULT_BACKED_AWS_AUTH", "true",
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user"), "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE",
                        "required"),
                invalid("tagged Azure without Vault role names the tagged variable", with(vault(),
                        "TFC_VAULT_BACKED_AZURE_AUTH_PROD", "true"), "TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_PROD",
                        "unless both TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE_PROD"),
                invalid("AWS Vault role a/b", aws("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "a/b"),
                        "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "single path segment"),
                invalid("AWS APPLY Vault role .. fails in plan phase",
                        aws("TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE", ".."),
                        "TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE", "single path segment"),
                invalid("AWS assumed_role without ARN", aws("TFC_VAULT_BACKED_AWS_AUTH_TYPE", "assumed_role"),
                        "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "required for assumed_role"),
                invalid("AWS role ARN with iam_user", aws("TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN",
                        "arn:aws:iam::123456789012:role/r"), "TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN",
                        "only used with TFC_VAULT_BACKED_AWS_AUTH_TYPE=assumed_role"),
                invalid("AWS role ARN with federation_token", aws("TFC_VAULT_BACKED_AWS_AUTH_TYPE",
                        "federation_token", "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "arn:aws:iam::123456789012:role/r"),
                        "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "only used with"),
                invalid("AWS sleep above 1500", aws("TFC_VAULT_BACKED_AWS_SLEEP_SECONDS", "1501"),
                        "TFC_VAULT_BACKED_AWS_SLEEP_SECONDS", "from 0 to 1500"),
                invalid("Azure sleep negative", azure("TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS", "-1"),
                        "TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS", "from 0 to 1500"),
                invalid("AWS mount traversal", aws("TFC_VAULT_BACKED_AWS_MOUNT_PATH", "../sys"),
                        "TFC_VAULT_BACKED_AWS_MOUNT_PATH", "no empty, . or .. segment"),
                invalid("Azure mount with trailing slash", azure("TFC_VAULT_BACKED_AZURE_MOUNT_PATH", "azure/"),
                        "TFC_VAULT_BACKED_AZURE_MOUNT_PATH", "no leading or trailing /"),
                invalid("GCP mount with empty segment", gcp("TFC_VAULT_BACKED_GCP_MOUNT_PATH", "gcp//x"),
                        "TFC_VAULT_BACKED_GCP_MOUNT_PATH", "no empty"),
                invalid("AWS enabled but no default Vault configuration", vars("TFC_VAULT_BACKED_AWS_AUTH", "true",
                        "TFC_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user", "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "r"),
                        "TFC_VAULT_ADDR", "required (used by TFC_VAULT_BACKED_AWS_AUTH)"),
                invalid("VAULT_CONFIG names a Vault configuration that does not exist",
                        aws("TFC_VAULT_BACKED_AWS_VAULT_CONFIG", "SECONDRAY", "TFC_VAULT_ADDR_SECONDARY", ADDR,
                                "TFC_VAULT_RUN_ROLE_SECONDARY", "r"),
                        "TFC_VAULT_BACKED_AWS_VAULT_CONFIG", "names a Vault configuration none of whose"),
                invalid("VAULT_CONFIG names a Vault configuration without address",
                        azure("TFC_VAULT_BACKED_AZURE_VAULT_CONFIG", "SEC", "TFC_VAULT_RUN_ROLE_SEC", "r"),
                        "TFC_VAULT_ADDR_SEC", "required (used by TFC_VAULT_BACKED_AZURE_VAULT_CONFIG)"),
                invalid("VAULT_CONFIG malformed", aws("TFC_VAULT_BACKED_AWS_VAULT_CONFIG", "../x"),
                        "TFC_VAULT_BACKED_AWS_VAULT_CONFIG", "must be the tag of a Vault configuration"),
                invalid("GCP without AUTH_TYPE", with(vault(), "TFC_VAULT_BACKED_GCP_AUTH", "true",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "rs"), "TFC_VAULT_BACKED_GCP_AUTH_TYPE",
                        "one of roleset/access_token, roleset/service_account_key, static_account/access_token, "
                                + "static_account/service_account_key"),
                invalid("GCP unknown AUTH_TYPE", gcp("TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/token"),
                        "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "must be one of"),
                invalid("GCP impersonated account is not supported",
                        gcp("TFC_VAULT_BACKED_GCP_AUTH_TYPE", "impersonated_account/access_token"),
                        "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "must be one of"),
                invalid("GCP roleset type without roleset", with(vault(), "TFC_VAULT_BACKED_GCP_AUTH", "true",
                        "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/access_token",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT_X", "sa"),
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "required for roleset/access_token"),
                invalid("GCP static account type with explicit roleset", vars("TFC_VAULT_ADDR", ADDR,
                        "TFC_VAULT_RUN_ROLE", "r", "TFC_VAULT_BACKED_GCP_AUTH", "true",
                        "TFC_VAULT_BACKED_GCP_AUTH_TYPE", "static_account/access_token",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT", "sa",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "rs"),
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "contradicts TFC_VAULT_BACKED_GCP_AUTH_TYPE"),
                invalid("GCP roleset ..", gcp("TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", ".."),
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "single path segment"),
                invalid("GCP static account with a slash", vars("TFC_VAULT_ADDR", ADDR, "TFC_VAULT_RUN_ROLE", "r",
                        "TFC_VAULT_BACKED_GCP_AUTH", "true", "TFC_VAULT_BACKED_GCP_AUTH_TYPE",
                        "static_account/service_account_key",
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT", "sa/../../sys"),
                        "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT", "single path segment"),
                invalid("first offending name in name order is reported", vaultProvider(
                        "TFC_VAULT_ZZZ", "x", "TFC_VAULT_AAA", "x"), "TFC_VAULT_AAA", "unknown variable")));

        for (String url : List.of("vault.example.com:8200", "ftp://vault.example.com", "file:///etc/passwd",
                "https://user:s3cr3t@vault.example.com", "https://vault.example.com?token=s3cr3t",
                "https://vault.example.com#frag", "https://vault.example.com/v1/sys", "https:///nohost",
                "https://vault.example.com:", "https://vault.example.com:0", "https://vault example.com",
                "mailto:ops@example.com", "//vault.example.com", "https://vault.example.com/../x")) {
            cases.add(invalid("bad address " + url, vaultProvider("TFC_VAULT_ADDR", url), "TFC_VAULT_ADDR",
                    "absolute http or https URL"));
        }
        for (String role : List.of(".", "..", "a/b", "/r", "r/", "%2e%2e", "role name", "r\u0000", "rôle", "r:1")) {
            cases.add(invalid("bad role " + role.replace("\u0000", "NUL"),
                    aws("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", role),
                    "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "single path segment"));
        }
        for (String mount : List.of("/aws", "aws/", "aws/./x", "aws/..", "a\\b", "a b", ".")) {
            cases.add(invalid("bad mount " + mount, aws("TFC_VAULT_BACKED_AWS_MOUNT_PATH", mount),
                    "TFC_VAULT_BACKED_AWS_MOUNT_PATH", "path segments"));
        }
        for (String timeout : List.of("0", "-5", "abc", "1.5", " 30", "9999999999", "")) {
            cases.add(invalid("bad client timeout '" + timeout + "'",
                    vaultProvider("TFC_VAULT_CLIENT_TIMEOUT", timeout), "TFC_VAULT_CLIENT_TIMEOUT",
                    timeout.isEmpty() ? "must not be empty" : "whole seconds from 1"));
        }
        for (String arn : List.of("arn:aws:iam::12345678901:role/r", "arn:aws:iam::123456789012:user/u",
                "arn:aws:s3:::bucket", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/a b",
                "role/r", "arn:aws:sts::123456789012:assumed-role/r/s")) {
            cases.add(invalid("bad role ARN " + arn, aws("TFC_VAULT_BACKED_AWS_AUTH_TYPE", "assumed_role",
                    "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", arn), "TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", "IAM role ARN"));
        }
        return cases.stream();
    }

    private static Invalid invalid(String name, Map<String, String> variables, String variable, String reason) {
        return new Invalid(name, variables, PLAN, variable, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void resolveShouldRejectNamingTheVariable(Invalid c) {
        InvalidVariableException e = assertThrows(InvalidVariableException.class,
                () -> sut.resolve(c.variables(), c.phase()));
        assertEquals(c.variable(), e.variable(), e.getMessage());
        assertTrue(e.getMessage().startsWith(c.variable() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(c.reason()), () -> "expected '" + c.reason() + "' in: " + e.getMessage());
        assertEquals(Map.of("variable", c.variable()), e.extensions());
    }

    /** Words that may appear in messages because they are names or allowed values, never secrets. */
    private static final Set<String> PUBLIC_WORDS = Set.of("true", "false", "iam_user", "assumed_role",
            "federation_token", "roleset/access_token", "roleset/service_account_key", "static_account/access_token",
            "static_account/service_account_key");

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void resolveShouldNeverEchoValues(Invalid c) {
        InvalidVariableException e = assertThrows(InvalidVariableException.class,
                () -> sut.resolve(c.variables(), c.phase()));
        String names = String.join(" ", c.variables().keySet());
        for (String value : c.variables().values()) {
            if (value == null || value.length() < 3 || PUBLIC_WORDS.contains(value) || names.contains(value)) {
                continue;
            }
            assertFalse(e.getMessage().contains(value), () -> "message echoes a value: " + e.getMessage());
        }
    }

    @Test
    void resolveShouldNotEchoASecretLookingAddress() {
        var e = assertThrows(InvalidVariableException.class, () -> sut.resolve(
                vaultProvider("TFC_VAULT_ADDR", "https://admin:hunter2@vault.example.com"), PLAN));
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("admin"));
    }

    @Test
    void resolveShouldReturnAnImmutableList() {
        List<CredentialPlan> plans = sut.resolve(aws(), PLAN);
        assertThrows(UnsupportedOperationException.class, () -> plans.add(plans.get(0)));
    }

    @Test
    void resolveShouldPickTheRoleFromThePhaseArgumentOnly() {
        var variables = aws("TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE", "reader",
                "TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE", "writer", "TFC_VAULT_PLAN_ROLE", "vp",
                "TFC_VAULT_APPLY_ROLE", "va");
        AwsPlan plan = (AwsPlan) sut.resolve(variables, PLAN).get(0);
        AwsPlan apply = (AwsPlan) sut.resolve(variables, APPLY).get(0);
        assertEquals("reader", plan.vaultRole());
        assertEquals("vp", plan.vault().role());
        assertEquals("writer", apply.vaultRole());
        assertEquals("va", apply.vault().role());
    }

    @Test
    void vaultPathSegmentsJoinShouldRefuseTraversal() {
        assertEquals("aws/creds/r", VaultPathSegments.join("aws", "creds", "r"));
        assertThrows(IllegalArgumentException.class, () -> VaultPathSegments.join("aws", "creds", ".."));
        assertThrows(IllegalArgumentException.class, () -> VaultPathSegments.join("../sys", "creds", "r"));
        assertThrows(IllegalArgumentException.class, () -> VaultPathSegments.join("aws", "creds", "a/b"));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static VaultConfig vaultOf(List<CredentialPlan> plans, int index) {
        return assertInstanceOf(VaultProviderPlan.class, plans.get(index)).vault();
    }

    private static VaultConfig vaultConfig(String role) {
        return new VaultConfig("", URI.create(ADDR), Optional.empty(), "jwt", role, "vault.workload.identity",
                Optional.empty(), Duration.ofSeconds(60));
    }

    private static String wrap(String b64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 76) {
            out.append(b64, i, Math.min(b64.length(), i + 76)).append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> vault(String... more) {
        return with(TestVariables.vault(), more);
    }
}
