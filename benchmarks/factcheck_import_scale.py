"""import_factchecks at library scale: records/s and resident memory over the run.

    python benchmarks/factcheck_import_scale.py [--records 300000] [--database-url URL] [--again]

Writes N synthetic ClaimReview records as JSON lines (about 900 bytes each, the size of the
CheckThat! PolitiFact records), imports them with ``import_factchecks --no-match`` into a fresh
database (SQLite by default; a server database is emptied first), and samples the command's
resident memory (/proc) twice a second: memory is flat when the RSS at a quarter of the run is
close to the RSS at the end. The command's last lines split the run: storing, then the match index. ``--again`` imports the same file a second time (every record
unchanged: the idempotent re-run path). The matching step after an import (the match index) is
not measured here; see match_speed.py.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("president senator governor budget deficit taxes jobs economy border wall vaccine virus health care "
         "insurance crime police immigrants school teachers climate energy oil gas prices wages unemployment "
         "million billion percent doubled halved record lowest highest voted bill law election ballots fraud "
         "military veterans china russia mexico trade tariffs factory workers farmers water city state nation").split()
RATINGS = ["False", "Mostly false", "Half true", "Mostly true", "True", "Pants on Fire!"]


def generate(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            claim = " ".join(rng.choices(WORDS, k=rng.randint(8, 30))).capitalize() + "."
            out.write(json.dumps({
                "@context": "https://schema.org", "@type": "ClaimReview",
                "url": f"https://factchecks.example.org/scale/{i:07d}", "claimReviewed": claim,
                "name": " ".join(rng.choices(WORDS, k=10)).capitalize(),
                "reviewRating": {"@type": "Rating", "alternateName": rng.choice(RATINGS)},
                "author": {"@type": "Organization", "name": "Scale Checks", "url": "https://factchecks.example.org"},
                "datePublished": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "inLanguage": "en",
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": f"Speaker {i % 5000}"},
                                 "appearance": {"@type": "CreativeWork", "description": "in a campaign mailer."}},
            }) + "\n")


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _summary(out: str) -> list[str]:
    """The command's split of the run (its "stored in ... match index ..." line: storing, then the
    index, each with its CPU) and its last line; the encoder's lines between them are left out."""
    lines = out.strip().splitlines()
    return [line for line in lines if line.startswith("stored in")] + lines[-1:]


def run_import(env: dict, path: Path) -> dict:
    t0, cpu0 = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen([sys.executable, "manage.py", "import_factchecks", "--no-match", str(path)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = []
    while proc.poll() is None:
        samples.append((time.perf_counter() - t0, rss_mb(proc.pid)))
        time.sleep(0.5)
    out, err = proc.communicate()
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    samples = [(t, m) for t, m in samples if m] or [(wall, 0.0)]

    def at(fraction):
        return max((m for t, m in samples if t <= wall * fraction), default=samples[0][1])

    return {"exit": proc.returncode, "wall": wall, "cpu": cpu, "summary": "\n  ".join(_summary(out)),
            "errors": err.strip().splitlines()[:3], "peak": max(m for _, m in samples),
            "quartiles": [at(q) for q in (0.25, 0.5, 0.75, 1.0)]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--database-url", default=None, help="default: a new SQLite file")
    ap.add_argument("--again", action="store_true", help="import the same file a second time")
    ap.add_argument("--debug", action="store_true", help="DEBUG=1, as a development .env has it")
    ap.add_argument("--keep", action="store_true", help="keep the generated file and database")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="claimsdb-fcscale-"))
    env = dict(os.environ, DEBUG="1" if a.debug else "0", SECRET_KEY="bench", CLAIMSDB_NO_DOTENV="1",
               DATABASE_URL=a.database_url or f"sqlite:///{tmp}/bench.sqlite3")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if a.database_url:
        subprocess.run([sys.executable, "manage.py", "flush", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    path = tmp / "library.jsonl"
    t0 = time.perf_counter()
    generate(path, a.records)
    size = path.stat().st_size
    print(f"{a.records:,} records generated ({size / 2**20:.0f} MiB of JSON lines) in {time.perf_counter() - t0:.0f} s")
    vendor = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    for label in ["import"] + (["re-import (unchanged)"] if a.again else []):
        r = run_import(env, path)
        q = ", ".join(f"{m:.0f}" for m in r["quartiles"])
        print(f"{label} into {vendor}: exit {r['exit']}, {r['wall']:.1f} s wall, {a.records / r['wall']:,.0f} records/s; "
              f"{r['cpu']:.1f} s CPU ({a.records / r['cpu']:,.0f} records per CPU second; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); peak RSS {r['peak']:.0f} MB (at 25/50/75/100% of the run: {q} MB)")
        print(f"  {r['summary']}")
        for line in r["errors"]:
            print(f"  {line}")
    if not a.keep:
        path.unlink()
        if not a.database_url:
            (tmp / "bench.sqlite3").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
