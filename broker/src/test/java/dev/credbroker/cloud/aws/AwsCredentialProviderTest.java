package dev.credbroker.cloud.aws;

import dev.credbroker.cloud.IssuedCredential;
import dev.credbroker.cloud.MalformedVaultResponseException;
import dev.credbroker.variables.AwsAuthType;
import dev.credbroker.variables.AwsPlan;
import dev.credbroker.variables.Provider;
import dev.credbroker.vault.VaultRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.credbroker.cloud.TestPlans.NOW;
import static dev.credbroker.cloud.TestPlans.VAULT;
import static dev.credbroker.cloud.TestPlans.leased;
import static dev.credbroker.cloud.TestPlans.unleased;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsCredentialProviderTest {
    private static final String ARN = "arn:aws:iam::123456789012:role/deploy";
    private final AwsCredentialProvider sut = new AwsCredentialProvider();

    private static AwsPlan plan(String tag, AwsAuthType type) {
        return new AwsPlan(tag, VAULT, type, "cloud/aws", "deploy",
                type == AwsAuthType.ASSUMED_ROLE ? Optional.of(ARN) : Optional.empty(), Duration.ZERO);
    }

    @Test
    void iamUserShouldReadCreds() {
        assertEquals(VaultRequest.get("cloud/aws/creds/deploy"), sut.request(plan("", AwsAuthType.IAM_USER)));
    }

    @Test
    void assumedRoleShouldWriteStsWithRoleArn() {
        assertEquals(VaultRequest.post("cloud/aws/sts/deploy", Map.of("role_arn", ARN)),
                sut.request(plan("", AwsAuthType.ASSUMED_ROLE)));
    }

    @Test
    void federationTokenShouldWriteStsWithoutBody() {
        VaultRequest request = sut.request(plan("", AwsAuthType.FEDERATION_TOKEN));
        assertEquals(VaultRequest.Method.POST, request.method());
        assertEquals("cloud/aws/sts/deploy", request.path());
        assertEquals(Map.of(), request.body());
    }

    @Test
    void requestShouldRefuseAnInvalidRoleEvenIfAPlanCarriesOne() {
        AwsPlan bad = new AwsPlan("", VAULT, AwsAuthType.IAM_USER, "aws", "..", Optional.empty(), Duration.ZERO);
        assertThrows(IllegalArgumentException.class, () -> sut.request(bad));
    }

    @Test
    void untaggedIamUserShouldGetEnvFileAndField() {
        IssuedCredential c = sut.credential(plan("", AwsAuthType.IAM_USER),
                leased(Duration.ofMinutes(30), Map.of("access_key", "AKIAX", "secret_key", "sk")), NOW);
        assertEquals(Provider.AWS, c.provider());
        assertEquals("", c.tag());
        assertEquals(Map.of("AWS_ACCESS_KEY_ID", "AKIAX", "AWS_SECRET_ACCESS_KEY", "sk",
                "AWS_SHARED_CREDENTIALS_FILE", "vault_backed_aws_credentials"), c.env());
        assertEquals(Map.of("vault_backed_aws_credentials",
                "[default]\naws_access_key_id = AKIAX\naws_secret_access_key = sk\n"), c.files());
        assertEquals(Map.of("shared_credentials_file", "vault_backed_aws_credentials"), c.terraformFields());
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))), c.expiresAt());
        assertTrue(c.revocable());
    }

    @Test
    void taggedStsShouldGetFileAndFieldOnly() {
        IssuedCredential c = sut.credential(plan("PROD", AwsAuthType.ASSUMED_ROLE), unleased(Duration.ofHours(1),
                Map.of("access_key", "ASIAX", "secret_key", "sk", "security_token", "st")), NOW);
        assertEquals("PROD", c.tag());
        assertEquals(Map.of(), c.env());
        assertEquals(Map.of("vault_backed_aws_PROD_credentials", "[default]\naws_access_key_id = ASIAX\n"
                + "aws_secret_access_key = sk\naws_session_token = st\n"), c.files());
        assertEquals(Map.of("shared_credentials_file", "vault_backed_aws_PROD_credentials"), c.terraformFields());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), c.expiresAt());
        assertFalse(c.revocable());
    }

    @ParameterizedTest(name = "{0}: revocable={1}")
    @CsvSource({"IAM_USER, true", "ASSUMED_ROLE, false", "FEDERATION_TOKEN, false"})
    void revocableShouldFollowTheAuthType(AwsAuthType type, boolean revocable) {
        IssuedCredential c = sut.credential(plan("", type), leased(Duration.ofMinutes(5),
                Map.of("access_key", "A", "secret_key", "S", "security_token", "T")), NOW);
        assertEquals(revocable, c.revocable());
    }

    @Test
    void untaggedStsShouldExportTheSessionToken() {
        IssuedCredential c = sut.credential(plan("", AwsAuthType.FEDERATION_TOKEN),
                unleased(Duration.ofMinutes(15), Map.of("access_key", "A", "secret_key", "S", "security_token", "T")),
                NOW);
        assertEquals("T", c.env().get("AWS_SESSION_TOKEN"));
    }

    @Test
    void noDurationShouldMeanNoExpiry() {
        IssuedCredential c = sut.credential(plan("", AwsAuthType.IAM_USER),
                leased(Duration.ZERO, Map.of("access_key", "A", "secret_key", "S")), NOW);
        assertEquals(Optional.empty(), c.expiresAt());
    }

    @Test
    void missingSecretKeyShouldFailNamingFieldNotValue() {
        var e = assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", AwsAuthType.IAM_USER), leased(Duration.ofMinutes(1), Map.of("access_key", "AKIASECRET")),
                NOW));
        assertTrue(e.getMessage().contains("secret_key"));
        assertFalse(e.getMessage().contains("AKIASECRET"));
    }

    @Test
    void newlineInACredentialShouldNotInjectIntoTheFile() {
        var e = assertThrows(MalformedVaultResponseException.class, () -> sut.credential(
                plan("", AwsAuthType.IAM_USER), leased(Duration.ofMinutes(1),
                        Map.of("access_key", "A", "secret_key", "S\n[evil]\ncredential_process = sh")), NOW));
        assertFalse(e.getMessage().contains("evil"));
    }

    @Test
    void toStringShouldNotShowSecrets() {
        IssuedCredential c = sut.credential(plan("", AwsAuthType.IAM_USER),
                leased(Duration.ofMinutes(1), Map.of("access_key", "AKIAVISIBLE", "secret_key", "topsecret")), NOW);
        assertFalse(c.toString().contains("topsecret"));
        assertFalse(c.toString().contains("AKIAVISIBLE"));
    }
}
