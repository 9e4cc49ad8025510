"""Instructions per news article for the irony part (valgrind), this checkout against a revision.

    nice -n 10 python benchmarks/bench_irony_instructions.py [--against 9ce1e04] [--warm 100]
                                                            [--documents 30] [--texts /tmp/news500]

The number of instructions a run executes does not depend on the machine's load (CPU times on a
shared machine swing by ±30 %). Each figure is the difference of two runs under ``valgrind
--tool=cachegrind --cache-sim=no``: ``--warm`` texts analysed by the irony part (word lists,
tables and caches loaded, as in the middle of a corpus run), then ``--documents`` more texts
segmented with VADER's shared sentence scores, with and without the irony part
(``feature_values``, ``sentence_irony``, the section). ``--texts``: a folder of .txt files (the
500 news texts of bench_issue9), else the news texts from the shared gold data.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

PROBE = """
import json, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
warm, n, irony_part = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "irony"
from textkit import Config, Document
from textkit.plugins._vader import sentence_scores
import textkit.plugins.irony as irony
config = Config()
def prepared(text):
    document = Document(text)
    document.segmentation
    sentence_scores(document)
    return document
def analysed(document):
    irony.feature_values(document)
    irony.sentence_irony(document)
    irony.analyze(document, config)
for text in texts[:warm]:
    analysed(prepared(text))
for text in texts[warm : warm + n]:
    document = prepared(text)
    if irony_part:
        analysed(document)
"""


def instructions(args: list[str], pythonpath: Path | None) -> int:
    """Instructions of one run of this script's probe (see bench_instructions.instructions)."""
    from bench_instructions import instructions as counted

    return counted(PROBE, args, pythonpath)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="9ce1e04", help="the git revision to compare with")
    parser.add_argument("--warm", type=int, default=100)
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--texts", type=Path, default=None, help="a folder of .txt files")
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    args = parser.parse_args()
    from _revision import export_revision

    total = args.warm + args.documents
    if args.texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))[:total]]
    else:
        from bench_issue9 import news_texts
        from evaluation.common import find_gold_data

        texts = news_texts(args.data or find_gold_data(), total)
    tmp = Path(tempfile.mkdtemp())
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    revisions = {args.against: export_revision(args.against, tmp / "against"), "this checkout": None}
    common = [str(texts_file), str(args.warm), str(args.documents)]
    jobs = {(label, mode): (common + [mode], path) for label, path in revisions.items() for mode in ("irony", "none")}
    with ThreadPoolExecutor(max_workers=2) as pool:  # two valgrind runs at a time (2 cores)
        counts = dict(zip(jobs, pool.map(lambda job: instructions(*job), jobs.values())))
    per_document = {
        label: (counts[label, "irony"] - counts[label, "none"]) / args.documents for label in revisions
    }
    print(f"irony part, instructions per document ({args.documents} texts after {args.warm} warm-up ones)")
    for label, value in per_document.items():
        print(f"{label:16} {value / 1e6:8.2f} M")
    print(f"{'ratio':16} {per_document['this checkout'] / per_document[args.against]:8.3f}")


if __name__ == "__main__":
    main()
