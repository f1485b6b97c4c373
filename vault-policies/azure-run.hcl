# Run-phase policy for Vault-backed Azure (TFC_VAULT_BACKED_AZURE_AUTH).
# Mount: "azure/" is the broker's default (TFC_VAULT_BACKED_AZURE_MOUNT_PATH). If you mounted the Azure
# secrets engine elsewhere, replace the "azure/" prefix below with your mount path.

# Service principal credentials for any role on the mount; the JWT role's bound_claims pick who gets this
path "azure/creds/*" {
  capabilities = ["read"]
}

# The broker renews the phase's leases with the phase's own token while the run is alive
path "sys/leases/renew" {
  capabilities = ["update"]
}

# The token's own lifecycle: the broker looks it up, renews it while the phase runs and revokes it at the end
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

path "auth/token/revoke-self" {
  capabilities = ["update"]
}
