"""The irony analyzer: CPU per news article against an earlier revision, and on hostile text per MB.

    python benchmarks/bench_irony.py --news [--data ../shared/data] [--documents 300] [--previous 21e2e74]
                                     [--rounds 3]
    python benchmarks/bench_irony.py [--sizes 100000 1000000] [--shapes paren nono ...]

``--news``: the irony total of a news article, this checkout against ``--previous`` (a git
revision, exported and imported from a temporary folder, see _revision.py), side by side in
fresh processes, the best of ``--rounds``: CPU of ``feature_values`` (markers, word cues,
features; the sentiment analyzer triggers them when it runs first), then ``sentence_irony``,
then the analyzer's own section. Documents are segmented and VADER's shared sentence scores
computed before the clock starts (they are the segmenter's and the sentiment analyzer's cost).
The texts are the OneStopEnglish articles and real newswire from the shared data folder. Also
printed: the size of the irony section in the default indented JSON report of
examples/article.txt, alone (``json.dumps(section, indent=2)``) and inside the report.

Without ``--news``: each hostile shape at each size, segmented first; then the analyzer runs on
it, VADER's shared sentence scores included (irony asks for them when it runs first). Printed:
CPU seconds, peak memory the analyzer allocated (tracemalloc, MiB) and both per MB of input.
Linear code shows the same per-MB figures at every size. Targets (issue 10): <= 2 s CPU and
<= 200 MiB extra per MB of input, whatever the content. Figures on a loaded machine are noisy;
compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
# The main branch before the irony analyzer was made faster (issues 9 and 10).
BEFORE = "21e2e74"

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

NEWS_PROBE = """
import json, sys, time
from textkit import Config, Document, analyze_text
from textkit.plugins.irony import analyze, feature_values, sentence_irony
texts = json.load(open(sys.argv[1], encoding="utf-8"))
rounds = int(sys.argv[2])
sys.path.insert(0, sys.argv[4])
from bench_irony_ab import prepared

def documents():
    return prepared(texts)

for document in documents()[:50]:  # warm: word lists, dictionaries and caches loaded
    sentence_irony(document)
    analyze(document, Config())
best = None
for _ in range(rounds):
    batch = documents()
    t0 = time.process_time()
    for document in batch:
        feature_values(document)
    t1 = time.process_time()
    for document in batch:
        sentence_irony(document)
    t2 = time.process_time()
    for document in batch:
        analyze(document, Config())
    t3 = time.process_time()
    row = [1000 * t / len(batch) for t in (t1 - t0, t2 - t1, t3 - t2, t3 - t0)]
    best = row if best is None or row[3] < best[3] else best
report = analyze_text(open(sys.argv[3], encoding="utf-8").read()).to_dict()
section = next(s for s in report["sections"] if s["id"] == "irony")
whole = len(json.dumps(report, ensure_ascii=False, indent=2).encode())
report["sections"] = [s for s in report["sections"] if s["id"] != "irony"]
inside = whole - len(json.dumps(report, ensure_ascii=False, indent=2).encode())
alone = len(json.dumps(section, ensure_ascii=False, indent=2).encode())
print(json.dumps({"ms": best, "section": alone, "in_report": inside, "report": whole}))
"""


def news_run(texts_file: Path, rounds: int, pythonpath: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", NEWS_PROBE, str(texts_file), str(rounds), str(ROOT / "examples" / "article.txt"),
         str(ROOT / "benchmarks")],
        capture_output=True, text=True, env=env, check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def news(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _revision import export_revision
    from bench_issue9 import news_texts
    from evaluation.common import find_gold_data

    texts = news_texts(args.data or find_gold_data(), args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        before_path = export_revision(args.previous, Path(tmp) / "before")
        runs = {"before": [], "now": []}
        for _ in range(2):  # alternate, so that load on the machine falls on both alike
            runs["before"].append(news_run(texts_file, args.rounds, before_path))
            runs["now"].append(news_run(texts_file, args.rounds, None))
    best = {k: min(v, key=lambda r: r["ms"][3]) for k, v in runs.items()}
    print(f"irony CPU per news article, {len(texts)} articles, best of {2 * args.rounds} rounds "
          f"({args.previous} / this checkout)")
    for i, stage in enumerate(("feature_values", "sentence_irony", "analyzer section", "irony total")):
        b, n = best["before"]["ms"][i], best["now"]["ms"][i]
        print(f"  {stage:18} {b:7.2f} ms  {n:7.2f} ms  {b / n if n else float('inf'):5.1f}x faster")
    target = 2.5
    total = best["now"]["ms"][3]
    print(f"  irony total now {total:.2f} ms against the aim of <= {target} ms: {'met' if total <= target else 'not met'}")
    b, n = best["before"], best["now"]
    print(f"irony section of examples/article.txt, default indented JSON: {b['section']:,} -> {n['section']:,} bytes "
          f"alone ({b['in_report']:,} -> {n['in_report']:,} inside the report; whole report {b['report']:,} -> "
          f"{n['report']:,}); aim <= 7,000 alone: {'met' if n['section'] <= 7000 else 'not met'}")


def measure(text: str) -> tuple[float, float]:
    from textkit import Config, Document
    from textkit.plugins.irony import analyze

    document = Document(text)
    _ = document.words, document.sentences  # segment outside the measurement
    started = time.process_time()
    analyze(document, Config())
    seconds = time.process_time() - started
    document = Document(text)  # again under tracemalloc, which slows Python down: memory only
    _ = document.words, document.sentences
    tracemalloc.start()
    analyze(document, Config())
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def hostile(args: argparse.Namespace) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", action="store_true", help="per news article, against --previous")
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--previous", default=BEFORE, help=f"git revision to compare with (default {BEFORE})")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    news(args) if args.news else hostile(args)


if __name__ == "__main__":
    main()
