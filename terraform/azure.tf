resource "vault_azure_secret_backend" "azure" {
  count = var.azure.enabled ? 1 : 0

  path            = var.azure.path
  subscription_id = var.azure.subscription_id
  tenant_id       = var.azure.tenant_id
  client_id       = var.azure_client_id
  client_secret   = var.azure_client_secret
}

# A service principal per phase, with these role assignments, deleted when its lease is revoked
resource "vault_azure_secret_backend_role" "run" {
  count = var.azure.enabled ? 1 : 0

  backend = vault_azure_secret_backend.azure[0].path
  role    = var.azure.role
  ttl     = var.azure.ttl
  max_ttl = var.azure.max_ttl

  dynamic "azure_roles" {
    for_each = var.azure.azure_roles
    content {
      role_name = azure_roles.value.role_name
      scope     = azure_roles.value.scope
    }
  }
}
