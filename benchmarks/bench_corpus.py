"""Time and peak memory of one textkit run over a folder of many documents.

    python benchmarks/bench_corpus.py --data ../shared/data [--documents 500] [--format jsonl]

Copies the OneStopEnglish texts (all three levels; recycled when fewer than
``--documents``) into a temporary folder, then runs ``textkit analyze FOLDER
-f FORMAT -o OUT`` once in a fresh process and prints wall time, documents per
second and the process's peak resident memory. The data is not in the
repository; without it the script says so and stops.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--format", default="jsonl")
    args = parser.parse_args()
    source = args.data / "readability_onestopenglish"
    texts = sorted(source.glob("*/*.txt"))
    if not texts:
        sys.exit(f"no OneStopEnglish texts under {source}: pass --data")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = 0
        for i, path in zip(range(args.documents), itertools.cycle(texts)):
            text = path.read_text(encoding="utf-8", errors="replace")
            words += len(text.split())
            (folder / f"{i:04d}-{path.parent.name}-{path.name}").write_text(text, encoding="utf-8")
        out = Path(tmp) / f"out.{args.format}"
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "textkit", "analyze", str(folder), "-f", args.format, "-o", str(out), "-q"],
            capture_output=True, text=True,
        )
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if run.returncode not in (0, 1, 3):
            sys.exit(f"textkit failed ({run.returncode}): {run.stderr[-500:]}")
        size = out.stat().st_size
    print(
        f"{args.documents} documents, ~{words:,} words, -f {args.format}: {elapsed:.1f} s "
        f"({args.documents / elapsed:.1f} documents/s, {words / elapsed:,.0f} words/s), "
        f"peak RSS {peak:.0f} MiB, output {size / 1024:,.0f} KiB"
    )


if __name__ == "__main__":
    main()
