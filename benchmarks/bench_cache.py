"""What the report cache (--cache) saves: a cold run, a warm run, and a run after one edit.

    python benchmarks/bench_cache.py [--documents 2000] [--paragraphs 10] [--format text] [--cache-max-mb 2000]

Writes ``--documents`` synthetic documents into a temporary folder, each made
from examples/article.txt: its paragraphs rotated by the document's number
(and the first ``--paragraphs`` of them kept), plus a sentence naming the
document, so that no two documents have the same bytes. Then, each in a
fresh process, ``textkit analyze FOLDER --cache=DIR -f FORMAT -o OUT``:

1. cold: an empty cache, every document analyzed;
2. warm: nothing changed, every report reused;
3. one document edited: one analysis, the rest reused.

Prints the wall and CPU time (user + system, of the textkit process) of each,
the warm speed-up (cold / warm) and what the third run reports it analyzed.
On a busy machine compare the CPU times: wall time then also measures the
other processes. The three runs' outputs must agree (without
the per-section timings), or the script fails.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"


def write_documents(folder: Path, count: int, paragraphs: int) -> int:
    parts = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    words = 0
    for n in range(count):
        shift = n % len(parts)
        chosen = (parts[shift:] + parts[:shift])[:paragraphs]
        text = "\n\n".join([f"This is document number {n} of the benchmark.", *chosen]) + "\n"
        words += len(text.split())
        (folder / f"doc-{n:05d}.txt").write_text(text, encoding="utf-8")
    return words


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, cache: Path, out: Path, fmt: str, max_mb: float) -> tuple[float, float, str]:
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "textkit", "analyze", str(folder), f"--cache={cache}", "--cache-max-mb", str(max_mb),
         "-f", fmt, "-o", str(out)],
        capture_output=True, text=True,
    )  # fmt: skip
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode not in (0, 1, 3):
        sys.exit(f"textkit failed ({done.returncode}): {done.stderr[-500:]}")
    note = re.search(r"cache .*: (\d+) reused, (\d+) analyzed", done.stderr)
    return elapsed, cpu, note.group(0) if note else "(no cache note)"


def comparable(path: Path) -> list:
    """The reports of a JSON Lines output without per-section timings."""
    reports = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for report in reports:
        for section in report["sections"]:
            section.pop("elapsed_ms", None)
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--paragraphs", type=int, default=10, help="paragraphs of the article per document (it has 10)")
    parser.add_argument("--format", default="text")
    parser.add_argument("--cache-max-mb", type=float, default=2000, help="room for every report (~0.13 MB each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "docs", Path(tmp) / "cache"
        folder.mkdir()
        words = write_documents(folder, args.documents, args.paragraphs)
        outs = [Path(tmp) / f"run{i}.{args.format}" for i in range(3)]
        cold = run(folder, cache, outs[0], args.format, args.cache_max_mb)
        warm = run(folder, cache, outs[1], args.format, args.cache_max_mb)
        edited = folder / "doc-00007.txt"
        edited.write_text(edited.read_text(encoding="utf-8") + "One more sentence, added by the benchmark.\n")
        edit = run(folder, cache, outs[2], args.format, args.cache_max_mb)
        if args.format == "jsonl":
            first, second, third = map(comparable, outs)
            assert first == second, "the warm run's reports differ from the cold run's"
            differ = [a["document"]["source"] for a, b in zip(first, third) if a != b]
            assert differ == [str(edited)], f"after one edit, these reports differ: {differ[:5]}"
        else:
            assert outs[0].read_text(encoding="utf-8") == outs[1].read_text(encoding="utf-8"), "warm output differs"
    print(f"{args.documents} documents, ~{words:,} words, -f {args.format}")
    for name, (wall, cpu, note) in (("cold (empty cache)", cold), ("warm (nothing new)", warm), ("one document edited", edit)):
        print(f"{name:<20} wall {wall:7.2f} s   cpu {cpu:7.2f} s   {note}")
    print(f"warm speed-up: {cold[0] / warm[0]:.1f}x wall, {cold[1] / warm[1]:.1f}x cpu (cold / warm)")


if __name__ == "__main__":
    main()
