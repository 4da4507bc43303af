"""The claims API under load: gunicorn on loopback, wrk (Debian's package) in a second process.

    DATABASE_URL=postgres://... python benchmarks/api_load.py --claims 1000000 [--seconds 20]

Populates the database first if needed, starts gunicorn with the production settings (DEBUG off,
throttling raised so the load is not refused), runs a bounded wrk run over claims lists filtered by
speaker, by date range and by status, and prints requests/s, median and p95 latency and errors.
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
  paths[#paths + 1] = "/api/v1/claims/?speaker=" .. s .. "&page_size=50"
  paths[#paths + 1] = "/api/v1/claims/?published_after=2018-0" .. (i % 9 + 1) .. "-01&published_before=2018-0" .. (i % 9 + 1) .. "-20&page_size=50"
  paths[#paths + 1] = "/api/v1/claims/?status=checked&speaker=" .. s .. "&page_size=50"
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
    lua = Path(tempfile.mkdtemp()) / "claims.lua"
    lua.write_text(LUA.replace("{SPEAKERS}", "{" + ",".join(map(str, speakers)) + "}"))
    env = dict(os.environ, DEBUG="0", SECRET_KEY="benchmark-only-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1",
               SECURE_SSL_REDIRECT="0", API_ANON_RATE="100000000/minute", CONN_MAX_AGE="60")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "claimsdb.wsgi", "-b", f"127.0.0.1:{a.port}",
                               "-w", str(a.workers), "--access-logfile", "/dev/null", "--log-level", "warning"],
                              cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{a.port}/api/v1/claims/?page_size=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        r = subprocess.run(["wrk", "-t2", f"-c{a.connections}", f"-d{a.seconds}s", "--timeout", "10s", "-s", str(lua),
                            f"http://127.0.0.1:{a.port}"], capture_output=True, text=True, check=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    m = dict(re.findall(r"(\w+)=(\d+)", r.stdout.split("RESULT", 1)[1]))
    secs = int(m["duration_us"]) / 1e6
    print(f"{Claim.objects.count():,} claims; gunicorn {a.workers} workers; wrk 2 threads, {a.connections} connections, "
          f"{a.seconds}s")
    print(f"  {int(m['requests']) / secs:.0f} requests/s, median {int(m['p50_us']) / 1000:.1f} ms, "
          f"p95 {int(m['p95_us']) / 1000:.1f} ms, p99 {int(m['p99_us']) / 1000:.1f} ms, "
          f"errors: {m['errors_status']} non-2xx, {m['errors_other']} socket")


if __name__ == "__main__":
    main()
