package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;
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
 */
@Singleton
public class TfcVariableResolver implements VariableResolver {

    @Override
    public List<CredentialPlan> resolve(Map<String, String> variables, RunPhase phase) {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(phase, "phase");
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
