#!/usr/bin/env bash
# credbroker for TFE / HCP Terraform agents: what the four hooks run. `credbroker-hook.sh open` (pre-plan,
# pre-apply) opens the phase with the run's workload token, hands the credentials to the next terraform commands
# through $TFC_AGENT_ENV and keeps the phase alive in the background; `credbroker-hook.sh close` (post-plan,
# post-apply) stops that, closes the phase (the broker revokes its leases and Vault token) and deletes the files.
#
# Agent environment (set on the agent, not in the workspace):
#   CREDBROKER_URL         the broker, e.g. https://credbroker.internal:8443 (required)
#   CREDBROKER_CLI         how to run the CLI (default: java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#                          -jar /opt/credbroker/broker.jar)
#   CREDBROKER_CACERT      PEM of a private CA for an https broker (optional)
#   CREDBROKER_STATE_DIR   where each phase's files go while it is open (default: ${TMPDIR:-/tmp})
#   CREDBROKER_HEARTBEAT   heartbeat period (default 60s)
# Run environment (from the agent): TFC_WORKLOAD_IDENTITY_TOKEN (set TFC_WORKLOAD_IDENTITY_AUDIENCE in the
# workspace), TFC_AGENT_ENV, and the workspace's variables as CREDBROKER_TFC_VAULT_… (the TFC_VAULT_… names with a
# CREDBROKER_ prefix, so that the platform's own Vault-backed handling does not act on them too).
# Nothing secret is printed: the CLI prints names, this script paths and ids.
set -euo pipefail
umask 077

action="${1:?usage: credbroker-hook.sh open|close}"
: "${CREDBROKER_URL:?CREDBROKER_URL is not set on the agent}"
cli="${CREDBROKER_CLI:-java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /opt/credbroker/broker.jar}"
state="${CREDBROKER_STATE_DIR:-${TMPDIR:-/tmp}}"
if [ -z "${TFC_WORKLOAD_IDENTITY_TOKEN:-}" ]; then
  echo "credbroker: no TFC_WORKLOAD_IDENTITY_TOKEN; set TFC_WORKLOAD_IDENTITY_AUDIENCE in the workspace" >&2
  exit 2
fi
tls=()
if [ -n "${CREDBROKER_CACERT:-}" ]; then
  tls=(--cacert "$CREDBROKER_CACERT")
fi

# One directory per phase, found again by the post hook: both see the same token, and nothing else is shared.
key=$(printf '%s' "$TFC_WORKLOAD_IDENTITY_TOKEN" | sha256sum | cut -c1-24)
dir="$state/credbroker-$key"

case "$action" in
  open)
    mkdir -p "$dir"
    vars="$dir/workspace.env"
    # the workspace's CREDBROKER_TFC_* variables, prefix removed; values stay in this 0600 file, never printed
    env | sed -n 's/^CREDBROKER_\(TFC_[A-Za-z0-9_]*=\)/\1/p' > "$vars"
    if [ ! -s "$vars" ]; then
      echo "credbroker: no CREDBROKER_TFC_* variables in the run's environment; nothing to open" >&2
      exit 2
    fi
    $cli phase open --broker "$CREDBROKER_URL" "${tls[@]}" --variables-file "$vars" --out-dir "$dir/phase" \
      --agent-env "${TFC_AGENT_ENV:?TFC_AGENT_ENV is not set: not run by a TFE / HCP Terraform agent?}"
    rm -f "$vars"
    # keep the phase alive for as long as terraform runs; the post hook stops it (and a 409 would too)
    nohup setsid $cli phase heartbeat --broker "$CREDBROKER_URL" "${tls[@]}" --out-dir "$dir/phase" \
      --every "${CREDBROKER_HEARTBEAT:-60s}" >"$dir/heartbeat.log" 2>&1 </dev/null &
    echo $! > "$dir/heartbeat.pid"
    echo "credbroker: phase open, heartbeat every ${CREDBROKER_HEARTBEAT:-60s} (pid $(cat "$dir/heartbeat.pid"))"
    ;;
  close)
    if [ ! -d "$dir" ]; then
      echo "credbroker: no phase was opened for this run phase; nothing to close"
      exit 0
    fi
    if [ -f "$dir/heartbeat.pid" ]; then
      kill "$(cat "$dir/heartbeat.pid")" 2>/dev/null || true
      rm -f "$dir/heartbeat.pid"
    fi
    $cli phase close --broker "$CREDBROKER_URL" "${tls[@]}" --out-dir "$dir/phase" --wipe
    rm -rf "$dir"
    ;;
  *)
    echo "usage: credbroker-hook.sh open|close" >&2
    exit 2
    ;;
esac
