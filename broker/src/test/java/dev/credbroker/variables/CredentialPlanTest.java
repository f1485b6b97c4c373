package dev.credbroker.variables;

import dev.credbroker.cloud.TestPlans;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CredentialPlanTest {

    @Test
    void awsAndAzurePlansAreUsableAfterTheirSleep() {
        CredentialPlan aws = new AwsPlan("", TestPlans.VAULT, AwsAuthType.IAM_USER, "aws", "deploy", Optional.empty(),
                Duration.ofSeconds(30));
        CredentialPlan azure = new AzurePlan("", TestPlans.VAULT, "azure", "deploy", Duration.ofSeconds(45));
        assertEquals(Optional.of(TestPlans.NOW.plusSeconds(30)), aws.usableAfter(TestPlans.NOW));
        assertEquals(Optional.of(TestPlans.NOW.plusSeconds(45)), azure.usableAfter(TestPlans.NOW));
    }

    @Test
    void aZeroSleepMeansUsableAtOnce() {
        CredentialPlan aws = new AwsPlan("", TestPlans.VAULT, AwsAuthType.IAM_USER, "aws", "deploy", Optional.empty(),
                Duration.ZERO);
        assertEquals(Optional.empty(), aws.usableAfter(TestPlans.NOW));
    }

    @Test
    void plansWithoutSleepSecondsAreUsableAtOnce() {
        CredentialPlan gcp = new GcpPlan("", TestPlans.VAULT, GcpAuthType.ROLESET_ACCESS_TOKEN, "gcp", "tokens");
        CredentialPlan vault = new VaultProviderPlan(TestPlans.VAULT);
        assertEquals(Duration.ZERO, gcp.sleep());
        assertEquals(Optional.empty(), gcp.usableAfter(TestPlans.NOW));
        assertEquals(Optional.empty(), vault.usableAfter(TestPlans.NOW));
    }
}
