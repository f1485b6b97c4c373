package dev.credbroker.vaultsim.engine.aws;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored {@code roles/<name>} entry ({@code awsRoleEntry} in Vault). Immutable. */
record AwsRole(String credentialType, List<String> roleArns, List<String> policyArns, String policyDocument,
               List<String> iamGroups, Duration defaultStsTtl, Duration maxStsTtl, String userPath,
               String permissionsBoundaryArn) {

    static final String IAM_USER = "iam_user";
    static final String ASSUMED_ROLE = "assumed_role";
    static final String FEDERATION_TOKEN = "federation_token";
    static final String SESSION_TOKEN = "session_token";

    static AwsRole empty() {
        return new AwsRole("", List.of(), List.of(), "", List.of(), Duration.ZERO, Duration.ZERO, "", "");
    }

    boolean isSts() {
        return !IAM_USER.equals(credentialType);
    }

    /** What {@code READ roles/<name>} answers ({@code toResponseData}); TTLs in seconds. */
    Map<String, Object> toResponseData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("credential_type", credentialType);
        data.put("policy_arns", policyArns);
        data.put("role_arns", roleArns);
        data.put("policy_document", policyDocument);
        data.put("iam_groups", iamGroups);
        data.put("default_sts_ttl", defaultStsTtl.toSeconds());
        data.put("max_sts_ttl", maxStsTtl.toSeconds());
        data.put("user_path", userPath);
        data.put("permissions_boundary_arn", permissionsBoundaryArn);
        return data;
    }
}
