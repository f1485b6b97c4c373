# JWT auth trusting the run's workload identity issuer. The broker logs in here with the run's own token,
# so Vault (not the broker) decides which workspace and phase may have which policies.
resource "vault_jwt_auth_backend" "tfc" {
  path        = var.jwt_auth_path
  type        = "jwt"
  description = "Workload identity tokens of Terraform runs, presented by credbroker"
  # One of the two is null: Vault fetches the keys from jwks_url, or (a Vault that can't reach the issuer)
  # checks tokens against the PEMs it was given, which `credbroker issuer export-pem` prints for the broker's
  # own issuer. With PEMs, every key rotation means exporting and applying again.
  jwks_url               = var.jwks_url
  jwt_validation_pubkeys = var.jwt_validation_pubkeys
  bound_issuer           = var.issuer_url

  lifecycle {
    precondition {
      condition     = (var.jwks_url == null) != (var.jwt_validation_pubkeys == null)
      error_message = "Set exactly one of jwks_url and jwt_validation_pubkeys."
    }
  }
}

locals {
  phases = ["plan", "apply"]

  # One role per workspace and phase, so a plan token can never log in to the apply role. The sub is the
  # platform's: HCP Terraform / TFE name organization, project, workspace and phase; OTF has no projects and
  # leaves that segment out. Names can't contain glob characters, so each role matches one workspace and phase.
  workspace_phases = {
    for pair in setproduct(var.workspaces, local.phases) :
    format("%s-%s", pair[0].name, pair[1]) => {
      project   = pair[0].project
      workspace = pair[0].name
      phase     = pair[1]
      sub       = var.subject_format == "otf" ? format("organization:%s:workspace:%s:run_phase:%s", var.organization, pair[0].name, pair[1]) : format("organization:%s:project:%s:workspace:%s:run_phase:%s", var.organization, pair[0].project, pair[0].name, pair[1])
    }
  }
}

resource "vault_jwt_auth_backend_role" "run" {
  for_each = local.workspace_phases

  backend   = vault_jwt_auth_backend.tfc.path
  role_name = each.key
  role_type = "jwt"

  # Vault 1.16.3+ refuses tokens that carry an aud when the role binds none
  bound_audiences = [var.bound_audience]

  # glob, as HCP's own examples use, lets an operator widen a role on purpose (e.g. run_phase:*)
  bound_claims_type = "glob"
  bound_claims = {
    sub = each.value.sub
  }

  user_claim = "terraform_full_workspace"

  # Copied into the token's metadata, hence into every audit log line, so a lease traces back to its run
  claim_mappings = {
    terraform_run_id         = "run_id"
    terraform_workspace_name = "workspace"
    terraform_run_phase      = "run_phase"
  }

  token_policies = local.run_policies
  token_ttl      = var.token_ttl
  token_max_ttl  = var.token_max_ttl

  # Batch tokens have no accessor and can't be revoked: the reaper needs both
  token_type = "service"

  lifecycle {
    precondition {
      condition     = var.subject_format == "otf" || each.value.project != null
      error_message = "HCP Terraform / TFE subjects name the project: give every workspace a project."
    }
  }
}
