"""Wall time of import_seeds into a fresh database, against extraction alone in the same run.

    python benchmarks/import_speed.py [--articles DIR] [--database-url URL] [--extra --jobs 2]

First ``import_seeds --dry-run`` (read, parse, extract; nothing written) with the same arguments,
then the real import: the ratio is what storing costs on top of extraction.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    dev = ROOT.parent / "shared" / "polnear-dev" / "articles"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=dev if dev.is_dir() else ROOT / "seeds")
    ap.add_argument("--database-url", default=None, help="default: a new SQLite file")
    ap.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more import_seeds arguments")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="claimsdb-bench-")
    env = dict(os.environ, DEBUG="1", SECRET_KEY="bench", DATABASE_URL=a.database_url or f"sqlite:///{tmp}/bench.sqlite3")
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if a.database_url:  # a server database: empty it, so the import creates every row as on SQLite
        subprocess.run([py, "manage.py", "flush", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    files = sorted(a.articles.glob("*.txt"))
    words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
    t0 = time.perf_counter()
    dry = subprocess.run([py, "manage.py", "import_seeds", str(a.articles), "--dry-run", *a.extra],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    extract_only = time.perf_counter() - t0
    t0 = time.perf_counter()
    r = subprocess.run([py, "manage.py", "import_seeds", str(a.articles), *a.extra],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    # Peak resident memory of the largest child process (the import, or one of its workers).
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = [ln for ln in r.stdout.splitlines() if " files:" in ln]
    vendor = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"extraction only (--dry-run {' '.join(a.extra)}): exit {dry.returncode}, {extract_only:.2f} s wall")
    print(f"import_seeds {a.articles} {' '.join(a.extra)} into {vendor}: exit {r.returncode}, {wall:.2f} s wall "
          f"= {wall / extract_only:.2f}x extraction only")
    print(f"{len(files) / wall:.1f} articles/s, {words / wall:,.0f} words/s, peak RSS {peak_mb:.0f} MB")
    if summary:
        print(summary[-1])


if __name__ == "__main__":
    main()
