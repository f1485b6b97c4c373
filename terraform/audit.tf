# Every request the broker makes is in this log; the broker sends its run id in a header so an auditor can
# join Vault's log with the broker's audit trail.
resource "vault_audit" "file" {
  type = "file"
  path = "file"

  options = {
    file_path = var.audit_file_path
  }
}

# Audited in clear (hmac = false): a run id is not a secret, and an HMAC'd one can't be searched for
resource "vault_audit_request_header" "run_id" {
  name = "X-Credbroker-Run-Id"
  hmac = false
}
