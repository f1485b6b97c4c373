# Run-phase policy for Vault-backed GCP (TFC_VAULT_BACKED_GCP_AUTH).
# Mount: "gcp/" is the broker's default (TFC_VAULT_BACKED_GCP_MOUNT_PATH). If you mounted the GCP secrets
# engine elsewhere, replace the "gcp/" prefix below with your mount path.
# "+" stands for exactly one path segment (the roleset or account name). Vault honours "*" only as the
# last character, so "gcp/roleset/*/token" would match nothing but a roleset literally named "*".

# roleset/access_token
path "gcp/roleset/+/token" {
  capabilities = ["read"]
}

# roleset/service_account_key: GET, or POST when the broker passes key_algorithm / ttl
path "gcp/roleset/+/key" {
  capabilities = ["read", "update"]
}

# static_account/access_token
path "gcp/static-account/+/token" {
  capabilities = ["read"]
}

# static_account/service_account_key: GET, or POST when the broker passes key_algorithm / ttl
path "gcp/static-account/+/key" {
  capabilities = ["read", "update"]
}

# impersonated accounts only mint access tokens
path "gcp/impersonated-account/+/token" {
  capabilities = ["read"]
}

# The broker renews the phase's leases (service account keys are leased) with the phase's own token
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
