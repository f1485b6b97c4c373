/**
 * Vault's AWS secrets engine → AWS credentials (iam_user, assumed_role, federation_token).
 */
package dev.credbroker.cloud.aws;
