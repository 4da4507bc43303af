"""The claims API under load, against the minimal hand-written view returning the same JSON:
gunicorn on loopback with the shipped gunicorn.conf.py, wrk (Debian's package) in a second process.

    DATABASE_URL=postgres://... python benchmarks/api_load.py --claims 1000000 [--seconds 20]

Populates the database first if needed, starts gunicorn with the production settings (DEBUG off,
throttling raised so the load is not refused; CACHE_URL passes through, e.g. Redis), runs the same
bounded wrk run over claims lists filtered by speaker, by date range and by status, first through
the API, then through the minimal view, and prints requests/s, p50/p95/p99 and errors for both.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

LUA = r"""
local paths = {}
local speakers = {SPEAKERS}
for i, s in ipairs(speakers) do
  paths[#paths + 1] = "{PREFIX}?speaker=" .. s .. "&page_size=50"
  paths[#paths + 1] = "{PREFIX}?published_after=2018-0" .. (i % 9 + 1) .. "-01&published_before=2018-0" .. (i % 9 + 1) .. "-20&page_size=50"
  paths[#paths + 1] = "{PREFIX}?status=checked&speaker=" .. s .. "&page_size=50"
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d errors_status=%d errors_other=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--port", type=int, default=8097)
    a = ap.parse_args()
    from populate import populate  # sets Django up

    from articles.models import Claim

    populate(a.claims)
    speakers = list(Claim.objects.values_list("speaker_id", flat=True).distinct()[:200])
    env = dict(os.environ, DEBUG="0", SECRET_KEY="benchmark-only-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1",
               SECURE_SSL_REDIRECT="0", API_ANON_RATE="100000000/minute", CONN_MAX_AGE="60",
               DJANGO_SETTINGS_MODULE="bench_settings", PYTHONPATH=str(HERE), GUNICORN_WORKERS=str(a.workers),
               GUNICORN_ACCESS_LOG="/dev/null")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "claimsdb.wsgi",
                               "-b", f"127.0.0.1:{a.port}", "--log-level", "warning"], cwd=ROOT, env=env)
    results = {}
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{a.port}/api/v1/claims/?page_size=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        for label, prefix in (("DRF API", "/api/v1/claims/"), ("minimal view", "/bench/claims/")):
            lua = Path(tempfile.mkdtemp()) / "claims.lua"
            lua.write_text(LUA.replace("{SPEAKERS}", "{" + ",".join(map(str, speakers)) + "}").replace("{PREFIX}", prefix))
            r = subprocess.run(["wrk", "-t2", f"-c{a.connections}", f"-d{a.seconds}s", "--timeout", "10s", "-s", str(lua),
                                f"http://127.0.0.1:{a.port}"], capture_output=True, text=True, check=True)
            results[label] = dict(re.findall(r"(\w+)=(\d+)", r.stdout.split("RESULT", 1)[1]))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"{Claim.objects.count():,} claims; gunicorn (gunicorn.conf.py) {a.workers} workers; wrk 2 threads, "
          f"{a.connections} connections, {a.seconds}s each")
    rps = {}
    for label, m in results.items():
        secs = int(m["duration_us"]) / 1e6
        rps[label] = int(m["requests"]) / secs
        p50, p95 = int(m["p50_us"]) / 1000, int(m["p95_us"]) / 1000
        print(f"  {label:13} {rps[label]:6.0f} requests/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms ({p95 / p50:.2f}x p50), "
              f"p99 {int(m['p99_us']) / 1000:.1f} ms, errors: {m['errors_status']} non-2xx, {m['errors_other']} socket")
    print(f"  API throughput = {rps['DRF API'] / rps['minimal view']:.2f}x the minimal view's")


if __name__ == "__main__":
    main()
