"""The irony part's CPU per news article, this checkout against an earlier revision in one process.

    nice -n 10 python benchmarks/bench_irony_ab.py [--previous 0e439f1] [--documents 500] [--rounds 5]
                                                   [--data ../shared/data]

On a loaded machine, fresh processes differ by ±15 % (bench_irony.py --news); here the earlier
revision's irony package (exported with _revision.export_revision) is imported beside this one
under another name, and both are timed in turn on the same texts, the order alternating per
round, the best of ``--rounds`` kept. Documents are segmented and VADER's shared sentence scores
computed before the clock starts (the segmenter's and the sentiment analyzer's cost; both
revisions read the same ones). Timed: ``feature_values`` (markers, word cues, the features:
what the sentiment analyzer reads too), then ``sentence_irony`` and the irony section.
The garbage collector is paused while timing (it would charge one revision for the other's
garbage). Printed: ms per document and the ratio this checkout / the earlier revision.
"""

from __future__ import annotations

import gc
import importlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def prepared(texts: list[str]) -> list:
    from textkit import Document
    from textkit.plugins._vader import sentence_scores

    documents = []
    for text in texts:
        document = Document(text)
        document.segmentation
        sentence_scores(document)
        documents.append(document)
    return documents


def timed(irony, documents) -> tuple[float, float]:
    from textkit import Config
    from textkit.collector import bulk

    config = Config()
    gc.collect()
    with bulk():  # no collection inside the timing
        started = time.process_time()
        for document in documents:
            irony.feature_values(document)
        features = time.process_time()
        for document in documents:
            irony.sentence_irony(document)
            irony.analyze(document, config)
        done = time.process_time()
    return 1000 * (features - started) / len(documents), 1000 * (done - features) / len(documents)


def main() -> None:
    from _revision import ab_arguments, export_revision, import_package as load_package

    args, texts = ab_arguments(__doc__.splitlines()[0], previous="0e439f1")
    with tempfile.TemporaryDirectory() as tmp:
        exported = export_revision(args.previous, Path(tmp) / "before")
        before = load_package("textkit.plugins.irony_before", exported / "textkit" / "plugins" / "irony")
        now = importlib.import_module("textkit.plugins.irony")
        revisions = {args.previous: before, "now": now}
        for irony in revisions.values():  # warm: word lists, tables and caches loaded
            timed(irony, prepared(texts[:50]))
        best: dict[str, tuple[float, float]] = {}
        for round_ in range(args.rounds):
            order = list(revisions) if round_ % 2 == 0 else list(reversed(revisions))
            for name in order:
                row = timed(revisions[name], prepared(texts))
                if name not in best or sum(row) < sum(best[name]):
                    best[name] = row
    print(f"irony CPU per news article, {len(texts)} articles, best of {args.rounds} rounds, in one process")
    print(f"{'':10} {'features':>9} {'section':>9} {'total':>9}   (ms per document)")
    for name, (features, section) in best.items():
        print(f"{name:10} {features:9.3f} {section:9.3f} {features + section:9.3f}")
    (bf, bs), (nf, ns) = best[args.previous], best["now"]
    print(f"{'now/before':10} {nf / bf:9.3f} {ns / bs:9.3f} {(nf + ns) / (bf + bs):9.3f}")


if __name__ == "__main__":
    main()
