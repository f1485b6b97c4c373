package dev.credbroker.cloud;

import dev.credbroker.variables.CredentialPlan;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The phase finds the provider for a plan by the plan's class: every kind of plan the variables can produce (the
 * sealed {@link CredentialPlan}'s permitted records) needs exactly one provider bean, or such a workspace fails.
 */
class CloudCredentialProvidersTest {

    @Test
    void everyKindOfPlanShouldHaveExactlyOneProviderBean(@TempDir Path dir) {
        try (ApplicationContext ctx = ApplicationContext.run(
                Map.of("broker.issuer.key-dir", dir.resolve("keys").toString()), Environment.TEST)) {
            List<Class<?>> served = ctx.getBeansOfType(CloudCredentialProvider.class).stream()
                    .<Class<?>>map(CloudCredentialProvider::planType).toList();
            Set<Class<?>> permitted = Arrays.stream(CredentialPlan.class.getPermittedSubclasses())
                    .collect(Collectors.toSet());
            assertEquals(permitted, Set.copyOf(served), "one provider per kind of plan");
            assertEquals(permitted.size(), served.size(), "no kind of plan served twice: " + served);
        }
    }
}
