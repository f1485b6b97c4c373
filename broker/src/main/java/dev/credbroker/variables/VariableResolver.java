package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;

import java.util.List;
import java.util.Map;

/** Turns a workspace's TFC variables into the credential plans of one run phase. */
public interface VariableResolver {

    /**
     * @param variables the workspace's variables; names outside the Vault and Vault-backed families are ignored
     * @param phase     from the verified token's claim, never from the request
     * @return one plan per enabled configuration, default configuration first, then by tag
     * @throws InvalidVariableException naming the first unknown, missing, malformed or contradictory variable
     */
    List<CredentialPlan> resolve(Map<String, String> variables, RunPhase phase);
}
