# Run-phase policy for Vault-backed AWS (TFC_VAULT_BACKED_AWS_AUTH).
# Mount: "aws/" is the broker's default (TFC_VAULT_BACKED_AWS_MOUNT_PATH). If you mounted the AWS secrets
# engine elsewhere, replace the "aws/" prefix below with your mount path.
# The "*" lets any role on the mount be read: which workspace may use this policy is decided by the JWT
# role's bound_claims. Narrow it to "aws/creds/<role>" per workspace if one mount serves several teams.

# iam_user credentials (GET)
path "aws/creds/*" {
  capabilities = ["read"]
}

# assumed_role and federation_token credentials: the broker POSTs role_arn (assumed_role) and no ttl, so the
# engine role's default_sts_ttl applies
path "aws/sts/*" {
  capabilities = ["update"]
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
