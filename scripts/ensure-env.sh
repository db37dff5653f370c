#!/usr/bin/env bash
# Create .env from .env.example on first use, with fresh random secrets. Never overwrites .env.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .env ] && exit 0
[ -f .env.example ] || { echo ".env.example is missing" >&2; exit 1; }
secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }
while IFS= read -r line; do
  case "$line" in
    RASA_TOKEN=*|BOT_SERVICE_TOKEN=*|SESSION_SECRET=*|POSTGRES_PASSWORD=*) echo "${line%%=*}=$(secret)" ;;
    *) echo "$line" ;;
  esac
done < .env.example > .env
chmod 600 .env
echo "created .env with new random secrets"
