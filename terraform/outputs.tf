output "jwt_auth_path" {
  description = "TFC_VAULT_AUTH_PATH for the workspaces (leave unset when it is jwt)."
  value       = vault_jwt_auth_backend.tfc.path
}

output "workspace_roles" {
  description = "Per workspace, the roles to set as TFC_VAULT_PLAN_ROLE and TFC_VAULT_APPLY_ROLE."
  value = {
    for ws in var.workspaces : ws.name => {
      plan_role  = vault_jwt_auth_backend_role.run[format("%s-plan", ws.name)].role_name
      apply_role = vault_jwt_auth_backend_role.run[format("%s-apply", ws.name)].role_name
    }
  }
}

output "run_policies" {
  description = "Policies every phase token gets."
  value       = local.run_policies
}

# The secret_id is deliberately not an output: outputs land in state and in CI logs. Mint one where the
# broker runs: vault write -f auth/<approle_path>/role/credbroker-reaper/secret-id
output "reaper_role_id" {
  description = "AppRole role_id of the broker's revocation identity."
  value       = vault_approle_auth_backend_role.reaper.role_id
}

output "reaper_approle_path" {
  description = "Mount path of the revocation identity's AppRole auth method."
  value       = vault_auth_backend.approle.path
}
