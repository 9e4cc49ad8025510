"""The irony analyzer on hostile and ordinary text: CPU time and extra memory per input size.

    python benchmarks/bench_irony.py [--sizes 100000 1000000] [--shapes paren nono ...]

Each document is segmented first (segmentation is not the irony analyzer's cost); then the
analyzer runs on it, VADER's shared sentence scores included (irony asks for them when it runs
first). Printed per shape and size: CPU seconds, peak memory the analyzer allocated (tracemalloc,
MiB) and both per MB of input. Linear code shows the same per-MB figures at every size.
Targets (issue 10): <= 2 s CPU and <= 200 MiB extra per MB of input, whatever the content.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from textkit import Config, Document
from textkit.plugins.irony import analyze

ARTICLE = (Path(__file__).resolve().parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")

SHAPES = {
    "paren": "(a",  # nested-looking parentheses
    "nono": "no ",  # one repeated word (echo search)
    "word": "a",  # one giant word
    "yes": "Yes. ",  # a flood of one-word sentences
    "quotes": "“#",  # unclosed curly quotes
    "qx": "?!",  # a run of question and exclamation marks
    "dots": "...",
    "caps": "NEVER ",
    "phrase": "the big red dog ",  # one phrase said again and again
    "prose": ARTICLE + "\n\n",  # ordinary prose, repeated
}


def measure(text: str) -> tuple[float, float]:
    document = Document(text)
    _ = document.words, document.sentences  # segment outside the measurement
    tracemalloc.start()
    started = time.process_time()
    analyze(document, Config())
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    measure(ARTICLE)  # load lexicons and dictionaries
    print(f"{'shape':8} {'bytes':>10} {'cpu s':>8} {'peak MiB':>9} {'s/MB':>7} {'MiB/MB':>7}")
    for shape in args.shapes:
        for size in args.sizes:
            unit = SHAPES[shape]
            text = (unit * (size // len(unit) + 1))[:size]
            seconds, peak = measure(text)
            mb = len(text.encode("utf-8")) / 1e6
            print(f"{shape:8} {len(text):>10,} {seconds:>8.2f} {peak:>9.1f} {seconds / mb:>7.2f} {peak / mb:>7.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
