#!/bin/sh
# Creates ./secrets for compose.yaml: the database password, the dev Vault's root token and the orchestrator
# credential (who may mint workload tokens), each 192 random bits. Existing files are kept, so re-running it
# never changes a password PostgreSQL already has. The directory is 0700: the files themselves must be
# readable by the containers' users (Compose bind-mounts them as they are), the directory keeps other host
# users out.
set -eu
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
for name in db-password vault-root-token orchestrator-token; do
  if [ ! -s "secrets/$name" ]; then
    od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "secrets/$name"
    echo >> "secrets/$name"
    echo "created secrets/$name"
  fi
  chmod 644 "secrets/$name"
done
