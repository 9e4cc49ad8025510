"""Throughput of the analysis library, warm (plugins and dictionaries loaded).

    python benchmarks/bench_analyze.py [--repeat 20] [--scale 1 10 100]

Prints per-analyzer time on the example article, and whole-report time and
peak memory for the article repeated ``scale`` times (a long document).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

import textkit

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()

    started = time.perf_counter()
    textkit.analyze_text(ARTICLE)
    print(f"first report in this process (loads plugins, lexicons, dictionaries): {time.perf_counter() - started:.3f} s")

    per_section: dict[str, list[float]] = {}
    totals = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = textkit.analyze_text(ARTICLE)
        totals.append(time.perf_counter() - started)
        for section in report.sections:
            per_section.setdefault(section.id, []).append(section.elapsed_ms)
    print(f"article, warm, median of {args.repeat}: {statistics.median(totals) * 1000:.1f} ms per report")
    for sid, values in per_section.items():
        print(f"  {sid:<12} {statistics.median(values):7.1f} ms")

    for scale in args.scale:
        text = "\n\n".join([ARTICLE] * scale)
        started = time.perf_counter()
        report = textkit.analyze_text(text)
        elapsed = time.perf_counter() - started
        # A second run under tracemalloc for memory: tracing slows Python several
        # times over, so it must not be the run that is timed.
        tracemalloc.start()
        textkit.analyze_text(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        words = report.document.counts()["words"]
        print(
            f"article x{scale:<4} {len(text) / 1024:8.0f} KiB {words:8,} words  {elapsed:7.2f} s  "
            f"{words / elapsed:9,.0f} words/s  python-heap peak {peak / 2**20:7.1f} MiB"
        )


if __name__ == "__main__":
    main()
