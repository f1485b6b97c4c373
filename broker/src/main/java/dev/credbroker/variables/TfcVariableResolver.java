package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * HCP Terraform's variable grammar for Vault and Vault-backed dynamic credentials (see
 * {@code shared/reference/tfc-contract.md} §2), resolved for one run phase.
 *
 * <ul>
 *   <li>Families: {@code TFC_VAULT_*} ({@link VaultProviderPlan} when {@code TFC_VAULT_PROVIDER_AUTH[_TAG]} is
 *       {@code true}), {@code TFC_VAULT_BACKED_AWS_*}, {@code …_AZURE_*}, {@code …_GCP_*}. Anything else is
 *       ignored; an unknown name inside a family is an error.</li>
 *   <li>Each variable has {@code NAME}, {@code NAME_<TAG>} and {@code TFC_DEFAULT_<NAME without TFC_>};
 *       the switches have no default form. The explicit form wins.</li>
 *   <li>{@code PLAN_}/{@code APPLY_} values fall back to {@code RUN_}, chosen by the token's phase.</li>
 *   <li>A switch is {@code true} (on) or {@code false} (off); a configuration is read only when on.</li>
 * </ul>
 *
 * Plans come in {@link Provider} order (Vault, AWS, Azure, GCP), each the default configuration first, then
 * by tag in natural (case-sensitive) order. Pure: no I/O, no state.
 *
 * <p>Where the contract is silent, this resolver decides:
 * <ul>
 *   <li>The whole {@code TFC_VAULT_} prefix is owned: {@code TFC_VAULT_BACKED_OCI_AUTH} is an unknown variable,
 *       not ignored. A {@code TFC_DEFAULT_} form with a tag, or of a switch, is unknown too.</li>
 *   <li>A base name is matched longest first: {@code …_AUTH_TYPE_PROD} is {@code AUTH_TYPE} tagged {@code PROD}.
 *       Tags are 1–64 of {@code [A-Za-z0-9_]}, case kept; {@code TYPE} is refused in any case.</li>
 *   <li>Per-phase precedence follows OTF's replica of HCP: explicit phase, {@code TFC_DEFAULT_} phase, explicit
 *       RUN, {@code TFC_DEFAULT_} RUN.</li>
 *   <li>Empty values are malformed (never "unset"). Every value of an enabled configuration is checked,
 *       including the other phase's, so a bad APPLY role fails at plan already; disabled or switch-less
 *       configurations and unused Vault configurations are not read.</li>
 *   <li>A Vault configuration is read when its provider switch is on or a Vault-backed configuration logs in
 *       with it. Untagged {@code …_VAULT_CONFIG} means the default Vault configuration; naming a tag that no
 *       {@code TFC_VAULT_*_<TAG>} variable carries is reported on {@code …_VAULT_CONFIG}.</li>
 *   <li>A role ARN set explicitly for {@code iam_user}/{@code federation_token}, or a roleset set explicitly
 *       for a static account type (and vice versa), is a contradiction; their {@code TFC_DEFAULT_} forms are
 *       ignored, since defaults apply to configurations of every type.</li>
 *   <li>{@code TFC_VAULT_ADDR} is normalised to {@code scheme://host[:port]}; any path beyond {@code /} is
 *       refused. {@code TFC_VAULT_NAMESPACE} and {@code TFC_VAULT_AUTH_PATH} are checked like mount paths.</li>
 * </ul>
 */
@Singleton
public class TfcVariableResolver implements VariableResolver {
    private final VariableLimits limits;

    /** With the default {@link VariableLimits}. */
    public TfcVariableResolver() {
        this(VariableLimits.DEFAULTS);
    }

    @Inject
    public TfcVariableResolver(VariableLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public List<CredentialPlan> resolve(Map<String, String> variables, RunPhase phase) {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(phase, "phase");
        if (variables.size() > limits.maxVariables()) {
            throw VariableLimitExceededException.variables(limits.maxVariables());
        }
        var families = VariableScanner.scan(variables);
        var vault = new VaultConfigReader(families.get(VariableFamily.VAULT), phase);

        List<CredentialPlan> plans = new ArrayList<>();
        for (String tag : families.get(VariableFamily.VAULT).tagsWith("PROVIDER_AUTH")) {
            ConfigVariables vars = vault.variables(tag);
            if (vars.enabled()) {
                plans.add(new VaultProviderPlan(vault.config(tag, vars.name("PROVIDER_AUTH"))));
            }
        }
        addBacked(plans, families, VariableFamily.VAULT_BACKED_AWS, vault, phase, AwsPlanReader::read);
        addBacked(plans, families, VariableFamily.VAULT_BACKED_AZURE, vault, phase, AzurePlanReader::read);
        addBacked(plans, families, VariableFamily.VAULT_BACKED_GCP, vault, phase, GcpPlanReader::read);
        if (plans.size() > limits.maxConfigurations()) {
            throw VariableLimitExceededException.configurations(limits.maxConfigurations());
        }
        return List.copyOf(plans);
    }

    private static void addBacked(List<CredentialPlan> plans, Map<VariableFamily, VariableScanner.FamilyValues> families,
                                  VariableFamily family, VaultConfigReader vault, RunPhase phase,
                                  Function<BackedConfig, ? extends CredentialPlan> reader) {
        VariableScanner.FamilyValues values = families.get(family);
        for (String tag : values.tagsWith(family.switchName())) {
            ConfigVariables vars = new ConfigVariables(family, tag, values);
            if (vars.enabled()) {
                plans.add(reader.apply(new BackedConfig(vars, vault, phase)));
            }
        }
    }
}
