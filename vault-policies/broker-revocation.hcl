# The broker's revocation identity (AppRole "credbroker-reaper"). Every close uses it, the runner's and the
# reaper's, so phases end after a restart too, when the phase's token is no longer in memory: it holds only the
# stored accessor and lease ids.
# Keep this policy to these two paths: anything more turns a broker compromise into a Vault compromise.

# Revoke a phase's token (and with it every lease the token created) by its accessor
path "auth/token/revoke-accessor" {
  capabilities = ["update"]
}

# Revoke one lease by id; the broker treats "lease not found" as already done
path "sys/leases/revoke" {
  capabilities = ["update"]
}
