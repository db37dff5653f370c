#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed: the hash of config, domain, stories, rules,
# NLU data, our NLU components and the bot lock is kept beside the model (models/ingang.inputs.sha256).
set -euo pipefail
cd "$(dirname "$0")/.."
inputs_hash() {
  find bot/config.yml bot/components bot/domain bot/data nlu_data requirements/bot.lock -type f \
    -not -name '*.pyc' -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}
model=models/ingang.tar.gz
stamp=models/ingang.inputs.sha256
want=$(inputs_hash)
if [ -f "$model" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ "${FORCE_TRAIN:-0}" != 1 ]; then
  echo "model up to date ($model)"
  exit 0
fi
echo "training the Rasa model (inputs changed; takes a few minutes on 2 cores)…"
start=$(date +%s)
RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 .venv-bot/bin/rasa train \
  --config bot/config.yml --domain bot/domain --data bot/data nlu_data \
  --out models --fixed-model-name ingang
echo "$want" > "$stamp"
echo "trained in $(( $(date +%s) - start )) s → $model"
