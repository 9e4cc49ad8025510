"""Readability's cost per news document as a real run pays it, this checkout against another revision.

    python benchmarks/bench_readability.py time [--against REV] [--rounds 5] [--folder /tmp/news500]
    python benchmarks/bench_readability.py instructions [--against REV] [--folder /tmp/news500]
    python benchmarks/bench_readability.py startup [--against REV] [--rounds 7]

A real run (``textkit analyze FOLDER``) starts with empty word caches, meets each document once, and
readability, the first analyzer, is the first to hash each word's fresh string. So every pass here
empties the analyzer's caches and, document after document, segments it (untimed: fresh Word
strings, as a real run has them) and runs ``readability.analyze`` on it: the per-document figure
includes the new words of each document as they come, under caches as warm as a run of that many
documents has them.

``time``: CPU per document, the other revision's readability (its plugins/ loaded as a separate
package beside this checkout's) and this checkout's alternated in one process, best of ``--rounds``.
``instructions``: valgrind cachegrind, the same pass under each revision (this checkout's last
commit, HEAD, for "now") minus a run that only segments (load-independent). ``startup``: CPU of the first document of a fresh process
(dictionary, word list and hyphenation patterns loaded), each revision in its own processes,
alternated, best of ``--rounds``. Run with ``nice -n 10``; on a loaded machine use the ratios.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# One pass as a real run makes it: python PROBE FOLDER PACKAGE PASS ("0": segment only).
PROBE = """
import importlib, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from textkit import Config, Document
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
documents = [Document(text) for text in texts]
for document in documents:
    document.segmentation
if sys.argv[3] == "1":
    readability = importlib.import_module(sys.argv[2] + ".readability")
    config = Config()
    for document in documents:
        try:
            readability.analyze(document, config)
        except Exception:
            pass
"""

STARTUP_PROBE = """
import importlib, sys, time
sys.path.insert(0, sys.argv[3])
from textkit import Config, Document
document = Document(open(sys.argv[1], encoding="utf-8").read())
document.segmentation
started = time.process_time()
readability = importlib.import_module(sys.argv[2] + ".readability")
readability.analyze(document, Config())
print(time.process_time() - started)
"""


def other_revision(revision: str, into: Path, package: str = "readability_before") -> Path:
    """``revision``'s plugins/ as the importable package ``package`` in ``into``."""
    from _revision import export_revision

    export_revision(revision, into / f"export-{package}")
    shutil.move(str(into / f"export-{package}" / "textkit" / "plugins"), str(into / package))
    return into


def texts_of(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def one_pass(module, texts: list[str]) -> float:
    """CPU seconds of ``module.analyze`` over ``texts``, caches emptied first, each document segmented
    just before (untimed) and dropped after, under a corpus run's garbage collection, as in a run."""
    from textkit import Config, Document
    from textkit.collector import corpus_collection

    module.clear_caches()
    config = Config()
    spent = 0.0
    with corpus_collection():
        for text in texts:
            document = Document(text)
            document.segmentation
            started = time.process_time()
            try:
                module.analyze(document, config)
            except Exception:  # a Skip (no prose) costs what it costs in a run too
                pass
            spent += time.process_time() - started
    return spent


def time_ab(args, path: Path) -> None:
    sys.path.insert(0, str(path))
    before = importlib.import_module("readability_before.readability")
    from textkit.plugins import readability as now

    texts = texts_of(args.folder)
    one_pass(before, texts[:5]), one_pass(now, texts[:5])  # dictionary, word list and patterns loaded
    best = {"before": float("inf"), "now": float("inf")}
    for _ in range(args.rounds):
        for label, module in (("before", before), ("now", now)):
            best[label] = min(best[label], one_pass(module, texts))
    n = len(texts)
    print(f"{n} documents, best of {args.rounds} passes, CPU ms per document (caches empty at the start of each pass)")
    print(f"  {args.against:<14} {1000 * best['before'] / n:7.3f}")
    print(f"  {'this checkout':<14} {1000 * best['now'] / n:7.3f}   ratio {best['now'] / best['before']:.3f}")


def instructions(folder: Path, package: str, analyse: bool, path: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONHASHSEED"] = "0"
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", PROBE, str(folder), package, "1" if analyse else "0", str(path)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def instructions_ab(args, path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    n = len(texts_of(args.folder))
    other_revision("HEAD", path, "readability_now")  # committed: the checkout may change while valgrind runs
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {
            key: pool.submit(instructions, args.folder, package, analyse, path)
            for key, package, analyse in (
                ("segment", "textkit.plugins", False),
                ("before", "readability_before", True),
                ("now", "readability_now", True),
            )
        }
    got = {key: future.result() for key, future in runs.items()}
    before, now = got["before"] - got["segment"], got["now"] - got["segment"]
    print(f"{n} documents, one pass from empty caches (dictionary loading included), million instructions per document")
    print(f"  {args.against:<14} {before / n / 1e6:7.3f}")
    print(f"  {'HEAD':<14} {now / n / 1e6:7.3f}   ratio {now / before:.3f}")


def startup_ab(args, path: Path) -> None:
    first = min(args.folder.glob("*.txt"))
    best = {"readability_before": float("inf"), "textkit.plugins": float("inf")}
    for _ in range(args.rounds):
        for package in best:
            done = subprocess.run(
                [sys.executable, "-c", STARTUP_PROBE, str(first), package, str(path)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            best[package] = min(best[package], float(done.stdout))
    before, now = best["readability_before"], best["textkit.plugins"]
    print(f"first document of a process ({first.name}): import + analyze, CPU ms, best of {args.rounds}")
    print(f"  {args.against:<14} {1000 * before:7.1f}")
    print(f"  {'this checkout':<14} {1000 * now:7.1f}   ratio {now / before:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("time", "instructions", "startup"))
    parser.add_argument("--against", default="main")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/news500"), help="a folder of .txt documents")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    try:
        path = other_revision(args.against, tmp)
        {"time": time_ab, "instructions": instructions_ab, "startup": startup_ab}[args.mode](args, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
