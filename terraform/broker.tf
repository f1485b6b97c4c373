# The broker's revocation identity, used by every close (the runner's and the reaper's) to revoke tokens and leases.
resource "vault_auth_backend" "approle" {
  type = "approle"
  path = var.approle_path
}

resource "vault_approle_auth_backend_role" "reaper" {
  backend   = vault_auth_backend.approle.path
  role_name = "credbroker-reaper"

  token_policies    = [vault_policy.broker_reaper.name]
  token_ttl         = 3600
  token_max_ttl     = 14400
  token_bound_cidrs = var.reaper_token_bound_cidrs

  secret_id_bound_cidrs = var.reaper_token_bound_cidrs
}
