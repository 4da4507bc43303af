"""Running manage.py in subprocesses against a database of their own, and reading results back."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GENERATOR = ROOT / "benchmarks" / "generate_articles.py"


def generate(out: Path, n: int, seed: int = 7) -> Path:
    subprocess.run([sys.executable, str(GENERATOR), str(out), str(n), "--seed", str(seed)], check=True,
                   capture_output=True)
    return out


def env_for(database_url: str) -> dict:
    return dict(os.environ, DATABASE_URL=database_url, DEBUG="1", SECRET_KEY="test",
                DJANGO_SETTINGS_MODULE="claimsdb.settings")


def manage(database_url: str, *args, check=True, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env_for(database_url),
                          capture_output=True, text=True, check=check, **kw)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


DUMP_SQL = {
    "articles": "SELECT source_file, sha256, title, published FROM articles_article ORDER BY source_file",
    "claims": """SELECT a.source_file, c.key, c.text, c.start, c."end", c.kind, c.cue, c.speaker_text,
                 p.key, o.key FROM articles_claim c JOIN articles_article a ON a.id = c.article_id
                 LEFT JOIN articles_person p ON p.id = c.speaker_id
                 LEFT JOIN articles_organisation o ON o.id = c.organisation_id
                 ORDER BY a.source_file, c.start, c.key""",
    "people": "SELECT key, name FROM articles_person ORDER BY key",
    "organisations": "SELECT key, name FROM articles_organisation ORDER BY key",
    "statistics": """SELECT a.source_file, s.key, s.value, s.unit, s.start FROM articles_statistic s
                     JOIN articles_article a ON a.id = s.article_id ORDER BY a.source_file, s.start, s.key""",
}


def dump_sqlite(path: Path) -> dict:
    with sqlite3.connect(path) as db:
        return {name: db.execute(sql).fetchall() for name, sql in DUMP_SQL.items()}


def dump_postgres(url: str) -> dict:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        out = {}
        for name, sql in DUMP_SQL.items():
            rows = db.execute(sql).fetchall()
            out[name] = [tuple(str(v) if hasattr(v, "as_tuple") or hasattr(v, "isoformat") else v for v in r)
                         for r in rows]
        return out


def claim_form_data(client, claim) -> dict:
    """The claim change form's fields as a browser would submit them (inlines left unchanged)."""
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/")
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = [getattr(v, "pk", v) for v in value] if isinstance(value, list | tuple) else getattr(value, "pk", value)
    for fs in page.context["inline_admin_formsets"]:
        data[f"{fs.formset.prefix}-TOTAL_FORMS"] = "0"
        data[f"{fs.formset.prefix}-INITIAL_FORMS"] = "0"
    return data
