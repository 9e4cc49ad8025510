"""Time and peak memory of the textkit command, as a user meets it.

    python benchmarks/bench_cli.py [--runs 5] [--file examples/article.txt]

Each figure is the median of ``--runs`` fresh processes (cold imports, like a
user or a CI step). Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(label: str, args: list[str], runs: int) -> None:
    # A separate interpreter per measurement keeps RUSAGE_CHILDREN's maximum honest.
    code = (
        "import resource,subprocess,sys,time;"
        f"t=time.perf_counter();subprocess.run([sys.executable,'-m','textkit',*{args!r}],stdout=subprocess.DEVNULL);"
        "e=time.perf_counter()-t;"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        peaks.append(float(out[1]))
    print(f"{label:<44} median {statistics.median(times):6.3f} s  (min {min(times):.3f})  peak {max(peaks):6.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", default=str(ROOT / "examples" / "article.txt"))
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each")
    measure("textkit --help", ["--help"], args.runs)
    measure("textkit plugins", ["plugins"], args.runs)
    measure(f"textkit analyze {Path(args.file).name}", ["analyze", args.file], args.runs)
    measure(f"textkit analyze {Path(args.file).name} -f json", ["analyze", args.file, "-f", "json"], args.runs)


if __name__ == "__main__":
    main()
