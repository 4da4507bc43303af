"""Small helpers for the benchmarks: repeated timing with median and p95."""
import statistics
import time


def measure(fn, repeat: int = 30, warmup: int = 2) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
            "min_ms": times[0]}


def fmt(t: dict[str, float]) -> str:
    return f"median {t['median_ms']:.1f} ms, p95 {t['p95_ms']:.1f} ms"
