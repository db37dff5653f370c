#!/usr/bin/env bash
# Regenerate requirements/bot.lock: Rasa 3.6 declares Python <3.11, so the lock is resolved for
# Python 3.10 and installed on 3.11 with --no-deps --ignore-requires-python (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
uv pip compile requirements/bot.in \
  --python-version 3.10 --python-platform x86_64-unknown-linux-gnu \
  --override requirements/bot-overrides.txt \
  --no-header --quiet --no-python-downloads \
  -o requirements/bot.lock
echo "wrote requirements/bot.lock ($(grep -c '==' requirements/bot.lock) pins)"
