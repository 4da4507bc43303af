"""For benchmarks that read the database: a fresh database (SQLite in a temporary folder unless a
URL is given) with Django set up in this process and a folder of articles imported."""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_articles() -> Path:
    dev = ROOT.parent / "shared" / "polnear-dev" / "articles"
    return dev if dev.is_dir() else ROOT / "seeds"


def imported(articles: Path, database_url: str | None = None, **env: str) -> None:
    """Set up Django on a fresh database (settings from ``env``), migrate, import ``articles``."""
    tmp = tempfile.mkdtemp(prefix="claimsdb-bench-")
    os.environ.update(SECRET_KEY="bench" * 10, CLAIMSDB_NO_DOTENV="1", DJANGO_SETTINGS_MODULE="claimsdb.settings",
                      DATABASE_URL=database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
                      **env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        call_command("import_seeds", str(articles), verbosity=0)
    except SystemExit:  # files that fail are reported by the command; the rest are imported
        pass
