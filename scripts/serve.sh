#!/usr/bin/env bash
# Install, migrate, import seeds/ and serve the admin and the API on http://127.0.0.1:8000/.
# SQLite (db.sqlite3) by default; set DATABASE_URL=postgres://... for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e .
export DEBUG=${DEBUG:-1}  # the development server; see README for production (gunicorn)
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py import_seeds seeds || echo "some seed files failed to import (see above)"
.venv/bin/python manage.py ensure_admin
echo "Admin: http://${HOST:-127.0.0.1}:${PORT:-8000}/admin/   API: http://${HOST:-127.0.0.1}:${PORT:-8000}/api/v1/"
exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
