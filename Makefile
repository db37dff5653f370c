# Ingång — the whole developer interface. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
APP := .venv/bin
BOT := .venv-bot/bin
RASA := env RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 $(BOT)/rasa
RASA_DATA := --domain bot/domain --data bot/data nlu_data --config bot/config.yml
STACK := $(APP)/python scripts/stack.py

.PHONY: help install run train test lint format validate nlu-check test-unit test-actions \
        test-conversations system-deps eval-nlu bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

.venv/.installed: requirements/app.lock
	@echo "installing the app runtime (.venv)…"
	$(PYTHON) -m venv .venv
	$(APP)/pip install --progress-bar on -r requirements/app.lock
	@touch $@

# Rasa 3.6 declares Python <3.11: its lock is resolved for 3.10 and installed without the
# resolver (README: "Why two runtimes").
.venv-bot/.installed: requirements/bot.lock
	@echo "installing the bot runtime (.venv-bot: Rasa 3.6, TensorFlow 2.12 — about 1.5 GB)…"
	$(PYTHON) -m venv .venv-bot
	$(BOT)/pip install --progress-bar on --no-deps --ignore-requires-python -r requirements/bot.lock
	@touch $@

install: .venv/.installed .venv-bot/.installed ## create both runtimes from the locks
	@scripts/ensure-env.sh

train: install ## train the Rasa model when its inputs changed
	@scripts/train.sh

run: train ## start Rasa, the action server and the API; open the printed URL
	@$(STACK) run

lint: .venv/.installed .venv-bot/.installed ## ruff (lint + format check) and mypy
	$(APP)/ruff check .
	$(APP)/ruff format --check .
	$(APP)/mypy api speech swedish
	$(BOT)/mypy --python-version 3.10 actions bot/components

format: .venv/.installed ## apply ruff's formatting and safe fixes
	$(APP)/ruff check --fix .
	$(APP)/ruff format .

validate: .venv-bot/.installed ## rasa data validate (domain, stories, rules, NLU)
	$(RASA) data validate $(RASA_DATA) --fail-on-warnings

system-deps: ## Debian packages the tests need (PostgreSQL, Chromium, espeak-ng, sox)
	@scripts/system-deps.sh

test-unit: install system-deps ## pytest for api/, speech/, swedish/ (SQLite and PostgreSQL), e2e and browser
	@scripts/pg-test-cluster.sh start
	status=0; TEST_POSTGRES_URL=$$(scripts/pg-test-cluster.sh url) INGANG_REQUIRE_POSTGRES=1 \
	  $(APP)/pytest tests --ignore=tests/actions --ignore=tests/bot || status=$$?; \
	  scripts/pg-test-cluster.sh stop; exit $$status

test-actions: .venv-bot/.installed ## pytest for actions/ and bot/components/ in the bot runtime
	$(BOT)/pytest -c tests/actions/pytest.ini tests/actions
	$(BOT)/pytest -c tests/bot/pytest.ini tests/bot

# --e2e: every user line goes through the trained NLU (intent and entities must match the story),
# then the dialogue policies must predict every action. Rasa reads only files named test_*.yml.
# Custom actions are not executed here; their events are the story's slot_was_set lines, and the
# actions themselves are tested in tests/actions and over the real stack in tests/e2e.
test-conversations: train ## Rasa test stories end to end: the trained NLU and dialogue predict every step
	ACTION_ENDPOINT_URL=http://127.0.0.1:5055/webhook \
	  $(RASA) test core --model models/ingang.tar.gz --stories tests/conversations --e2e \
	  --endpoints bot/endpoints.yml --fail-on-prediction-errors --out var/results/conversations

test: install train lint validate test-actions test-conversations test-unit ## everything CI runs

nlu-check: .venv-bot/.installed ## seconds-fast data check: duplicates, near-duplicates, proxy 5-fold F1
	$(BOT)/python scripts/nlu_check.py

eval-nlu: install ## 5-fold cross-validation of the NLU; report and confusion matrix into bench/nlu/
	$(RASA) test nlu --nlu nlu_data --config bot/config.yml --cross-validation --folds 5 \
	  --out bench/nlu
	$(APP)/python scripts/nlu_report.py bench/nlu

bench: train ## training time, cold start and chat latency into bench/results.md
	$(APP)/python scripts/bench.py --out bench/results.md

clean: ## remove runtimes, models and local data
	rm -rf .venv .venv-bot models var
