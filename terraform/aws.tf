resource "vault_aws_secret_backend" "aws" {
  count = var.aws.enabled ? 1 : 0

  path       = var.aws.path
  region     = var.aws.region
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key

  # A phase never needs credentials longer than its token lives
  default_lease_ttl_seconds = var.token_ttl
  max_lease_ttl_seconds     = var.token_max_ttl
}

# TFC_VAULT_BACKED_AWS_AUTH_TYPE=iam_user: Vault creates an IAM user per phase and deletes it on revoke
resource "vault_aws_secret_backend_role" "iam_user" {
  count = var.aws.enabled ? 1 : 0

  backend         = vault_aws_secret_backend.aws[0].path
  name            = var.aws.iam_user_role
  credential_type = "iam_user"
  policy_arns     = var.aws.iam_user_policy_arns
}

# TFC_VAULT_BACKED_AWS_AUTH_TYPE=assumed_role: STS credentials; TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN picks one
resource "vault_aws_secret_backend_role" "assumed_role" {
  count = var.aws.enabled ? 1 : 0

  backend         = vault_aws_secret_backend.aws[0].path
  name            = var.aws.assumed_role
  credential_type = "assumed_role"
  role_arns       = var.aws.assumed_role_arns
  default_sts_ttl = var.aws.default_sts_ttl
  max_sts_ttl     = var.aws.max_sts_ttl
}
