# Run-phase policy for TFC_VAULT_PROVIDER_AUTH: the run gets the Vault token itself and uses it from the
# hashicorp/vault provider. On its own this grants nothing but the token's lifecycle; add the secrets your
# Terraform configuration reads, as narrowly as you can, e.g.:
#
# path "secret/data/terraform/*" {
#   capabilities = ["read"]
# }

# The broker (and the Vault provider) look the token up, renew it while the phase runs, revoke it at the end
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

path "auth/token/revoke-self" {
  capabilities = ["update"]
}

# Every run policy lets the broker renew the phase's leases with the phase's token; none is created here
# unless you add a dynamic secret above
path "sys/leases/renew" {
  capabilities = ["update"]
}
