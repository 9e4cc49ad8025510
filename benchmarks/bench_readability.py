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
``instructions``: valgrind cachegrind (load-independent), each revision (this checkout's last commit,
HEAD, for "now") analysing the first document only and all of them, minus a run that only segments:
the first document's figure is mostly loading the word data (what a one-file run pays), the
further documents' average is the per-document cost of a long run. ``startup``: CPU of the first document of a fresh process
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

# One pass as a real run makes it: python PROBE FOLDER PACKAGE HOW_MANY (documents analysed; all segmented).
PROBE = """
import importlib, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from textkit import Config, Document
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
documents = [Document(text) for text in texts]
for document in documents:
    document.segmentation
if int(sys.argv[3]):
    readability = importlib.import_module(sys.argv[2] + ".readability")
    config = Config()
    for document in documents[: int(sys.argv[3])]:
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


def instructions(folder: Path, package: str, analysed: int, path: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONHASHSEED"] = "0"
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", PROBE, str(folder), package, str(analysed), str(path)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def instructions_ab(args, path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    n = len(texts_of(args.folder))
    other_revision("HEAD", path, "readability_now")  # committed: the checkout may change while valgrind runs
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {
            (package, analysed): pool.submit(instructions, args.folder, package, analysed, path)
            for package, analysed in (
                ("textkit.plugins", 0),
                ("readability_before", 1),
                ("readability_now", 1),
                ("readability_before", n),
                ("readability_now", n),
            )
        }
    got = {key: future.result() for key, future in runs.items()}
    segmented = got["textkit.plugins", 0]
    print(f"{n} documents in one process from empty caches, million instructions")
    print(f"  {'':<14} {'first document':>15} {'each further one':>17}")
    figures = {}
    for label, package in ((args.against, "readability_before"), ("HEAD", "readability_now")):
        first = got[package, 1] - segmented  # loading the dictionary, word list and patterns, and one document
        further = (got[package, n] - got[package, 1]) / (n - 1)
        figures[label] = (first, further)
        print(f"  {label:<14} {first / 1e6:15.1f} {further / 1e6:17.3f}")
    (first_before, further_before), (first_now, further_now) = figures.values()
    print(f"  {'ratio':<14} {first_now / first_before:15.3f} {further_now / further_before:17.3f}")


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
