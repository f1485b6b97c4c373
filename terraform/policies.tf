# The policies live as plain HCL in ../vault-policies so they can be reviewed, tested (operator-kit) and
# applied by hand with `vault policy write`; Terraform only loads them.

resource "vault_policy" "aws_run" {
  name   = "aws-run"
  policy = file("${path.module}/../vault-policies/aws-run.hcl")
}

resource "vault_policy" "azure_run" {
  name   = "azure-run"
  policy = file("${path.module}/../vault-policies/azure-run.hcl")
}

resource "vault_policy" "gcp_run" {
  name   = "gcp-run"
  policy = file("${path.module}/../vault-policies/gcp-run.hcl")
}

resource "vault_policy" "vault_provider_run" {
  name   = "vault-provider-run"
  policy = file("${path.module}/../vault-policies/vault-provider-run.hcl")
}

resource "vault_policy" "broker_reaper" {
  name   = "broker-revocation"
  policy = file("${path.module}/../vault-policies/broker-revocation.hcl")
}

locals {
  # A phase token gets the run policy of every engine configured here, plus the Vault provider one.
  run_policies = concat(
    [vault_policy.vault_provider_run.name],
    var.aws.enabled ? [vault_policy.aws_run.name] : [],
    var.azure.enabled ? [vault_policy.azure_run.name] : [],
    var.gcp.enabled ? [vault_policy.gcp_run.name] : [],
  )
}
