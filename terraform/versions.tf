terraform {
  # optional() object attributes with defaults need 1.3
  required_version = ">= 1.3.0"

  required_providers {
    vault = {
      source  = "hashicorp/vault"
      version = ">= 4.0.0, < 6.0.0"
    }
  }
}

# The token comes from VAULT_TOKEN (or ~/.vault-token), never from a variable, so it stays out of state
# and out of tfvars files.
provider "vault" {
  address   = var.vault_address
  namespace = var.vault_namespace
}
