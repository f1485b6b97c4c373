resource "vault_gcp_secret_backend" "gcp" {
  count = var.gcp.enabled ? 1 : 0

  path        = var.gcp.path
  credentials = var.gcp_credentials

  default_lease_ttl_seconds = var.token_ttl
  max_lease_ttl_seconds     = var.token_max_ttl
}

# TFC_VAULT_BACKED_GCP_AUTH_TYPE=roleset/access_token or roleset/service_account_key, per secret_type
resource "vault_gcp_secret_roleset" "run" {
  count = var.gcp.enabled ? 1 : 0

  backend      = vault_gcp_secret_backend.gcp[0].path
  roleset      = var.gcp.roleset
  project      = var.gcp.project
  secret_type  = var.gcp.secret_type
  token_scopes = var.gcp.secret_type == "access_token" ? var.gcp.token_scopes : null

  dynamic "binding" {
    for_each = var.gcp.bindings
    content {
      resource = binding.value.resource
      roles    = binding.value.roles
    }
  }
}
