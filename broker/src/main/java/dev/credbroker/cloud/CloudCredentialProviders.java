package dev.credbroker.cloud;

import dev.credbroker.variables.CredentialPlan;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The provider for each kind of plan, found by the plan's class: what an open and a refresh read with. */
@Singleton
public class CloudCredentialProviders {
    private final Map<Class<?>, CloudCredentialProvider<?>> byPlanType = new HashMap<>();

    public CloudCredentialProviders(List<CloudCredentialProvider<?>> providers) {
        providers.forEach(p -> byPlanType.put(p.planType(), p));
    }

    @SuppressWarnings("unchecked")
    public CloudCredentialProvider<CredentialPlan> forPlan(CredentialPlan plan) {
        CloudCredentialProvider<?> provider = byPlanType.get(plan.getClass());
        if (provider == null) {
            throw new IllegalStateException("no credential provider for " + plan.getClass().getSimpleName());
        }
        return (CloudCredentialProvider<CredentialPlan>) provider;
    }
}
