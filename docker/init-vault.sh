#!/bin/sh
# Configures the compose stack's dev Vault the way ../terraform configures a real one: the policies from
# /vault-policies, JWT auth trusting the broker's issuer, a plan and an apply role for one workspace, the
# audit device with the run-id header in clear, and the reaper's AppRole. Idempotent: safe to re-run.
# Runs in the hashicorp/vault image (POSIX sh, vault CLI).
set -eu

# The token from a file (compose's vault-root-token secret), so it is in no environment listing
if [ -z "${VAULT_TOKEN:-}" ] && [ -n "${VAULT_TOKEN_FILE:-}" ]; then
  VAULT_TOKEN="$(cat "$VAULT_TOKEN_FILE")"
  export VAULT_TOKEN
fi
: "${VAULT_ADDR:?}" "${VAULT_TOKEN:?set VAULT_TOKEN or VAULT_TOKEN_FILE}"
ISSUER_URL="${ISSUER_URL:-http://broker:8080}"
JWKS_URL="${JWKS_URL:-$ISSUER_URL/.well-known/jwks}"
AUDIENCE="${AUDIENCE:-vault.workload.identity}"
SUBJECT_FORMAT="${SUBJECT_FORMAT:-hcp}"
ORGANIZATION="${ORGANIZATION:-acme}"
PROJECT="${PROJECT:-Default Project}"
WORKSPACE="${WORKSPACE:-networking-prod}"
OUT_DIR="${OUT_DIR:-/run/credbroker}"

until vault status >/dev/null 2>&1; do sleep 1; done

for f in /vault-policies/*.hcl; do
  vault policy write "$(basename "$f" .hcl)" "$f"
done

enable() { # auth|secrets TYPE PATH: enable unless already mounted, so a re-run does not fail
  vault "$1" list -format=json | grep -q "\"$3/\"" || vault "$1" enable -path="$3" "$2"
}

enable auth jwt jwt
# Vault fetches the JWKS now, so the broker's issuer must already be serving it (compose waits for that)
vault write auth/jwt/config jwks_url="$JWKS_URL" bound_issuer="$ISSUER_URL"

run_policies="vault-provider-run"
if [ -n "${AWS_ACCESS_KEY_ID:-}" ]; then
  enable secrets aws aws
  vault write aws/config/root access_key="$AWS_ACCESS_KEY_ID" secret_key="$AWS_SECRET_ACCESS_KEY" \
    region="${AWS_REGION:-us-east-1}"
  vault write aws/roles/tfc-iam-user credential_type=iam_user \
    policy_arns=arn:aws:iam::aws:policy/ReadOnlyAccess
  run_policies="$run_policies,aws-run"
fi
if [ -n "${AZURE_CLIENT_ID:-}" ]; then
  enable secrets azure azure
  vault write azure/config subscription_id="$AZURE_SUBSCRIPTION_ID" tenant_id="$AZURE_TENANT_ID" \
    client_id="$AZURE_CLIENT_ID" client_secret="$AZURE_CLIENT_SECRET"
  vault write azure/roles/tfc-reader ttl=1h \
    azure_roles="[{\"role_name\": \"Reader\", \"scope\": \"/subscriptions/$AZURE_SUBSCRIPTION_ID\"}]"
  run_policies="$run_policies,azure-run"
fi
if [ -n "${GCP_CREDENTIALS_FILE:-}" ]; then
  enable secrets gcp gcp
  vault write gcp/config credentials=@"$GCP_CREDENTIALS_FILE"
  vault write gcp/roleset/tfc-viewer project="$GCP_PROJECT" secret_type=access_token \
    token_scopes=https://www.googleapis.com/auth/cloud-platform \
    bindings="resource \"//cloudresourcemanager.googleapis.com/projects/$GCP_PROJECT\" { roles = [\"roles/viewer\"] }"
  run_policies="$run_policies,gcp-run"
fi

# Vault's token lives at most as long as the broker lets a phase run (broker.phases.max-duration, 4 h)
PHASE_MAX_SECONDS=14400
for phase in plan apply; do
  # HCP Terraform / TFE name the project in sub, OTF has none (../terraform's subject_format)
  case "$SUBJECT_FORMAT" in
    hcp) sub="organization:$ORGANIZATION:project:$PROJECT:workspace:$WORKSPACE:run_phase:$phase" ;;
    otf) sub="organization:$ORGANIZATION:workspace:$WORKSPACE:run_phase:$phase" ;;
    *) echo "SUBJECT_FORMAT must be hcp or otf" >&2; exit 2 ;;
  esac
  vault write "auth/jwt/role/$WORKSPACE-$phase" - <<JSON
{
  "role_type": "jwt",
  "user_claim": "terraform_full_workspace",
  "bound_audiences": ["$AUDIENCE"],
  "bound_claims_type": "glob",
  "bound_claims": {"sub": "$sub"},
  "claim_mappings": {"terraform_run_id": "run_id", "terraform_workspace_name": "workspace",
                     "terraform_run_phase": "run_phase"},
  "token_policies": "$run_policies",
  "token_type": "service",
  "token_ttl": 1200,
  "token_max_ttl": $PHASE_MAX_SECONDS
}
JSON
done

vault audit list -format=json | grep -q '"file/"' || vault audit enable file file_path=/vault/logs/audit.log
vault write sys/config/auditing/request-headers/X-Credbroker-Run-Id hmac=false

enable auth approle approle
vault write auth/approle/role/credbroker-reaper token_policies=broker-revocation token_ttl=1h token_max_ttl=4h

# Dev stack only: hand the reaper's AppRole credentials to the broker through a volume only it mounts.
# In production mint the secret id where the broker runs (see ../terraform/README.md).
mkdir -p "$OUT_DIR"
umask 077
vault read -field=role_id auth/approle/role/credbroker-reaper/role-id > "$OUT_DIR/reaper-role-id"
vault write -f -field=secret_id auth/approle/role/credbroker-reaper/secret-id > "$OUT_DIR/reaper-secret-id"
chown -R 10001:10001 "$OUT_DIR"
echo "vault configured: roles $WORKSPACE-plan, $WORKSPACE-apply with policies $run_policies"
