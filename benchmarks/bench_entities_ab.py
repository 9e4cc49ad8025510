"""The entities analyzer's CPU per news article, this checkout against an earlier revision in one process.

    nice -n 10 python benchmarks/bench_entities_ab.py [--previous 2e5a282] [--documents 500] [--rounds 5]
                                                      [--data ../shared/data]

Fresh processes on a loaded machine differ by ±15 %; here the earlier revision's plugins
(exported with _revision.export_revision) are imported beside this checkout's under another
package name, and both analyzers are timed in turn on the same texts, the order alternating per
round, the best of ``--rounds`` kept. Both run on this checkout's core. Each round segments fresh
documents before the clock starts (the segmenter's cost). Timed: the analyzer's ``analyze``
(``find_mentions``, merging and the section), with the garbage collector paused (it would charge
one revision for the other's garbage).

Since the core keeps words as columns and makes Word objects on first use of ``document.words``,
an analyzer that reads ``document.words`` pays for making them when it is the first to ask. The
earlier revision is timed both ways: "words made" (its Word objects made before the clock
starts, as when an earlier analyzer asked for them) and "words on it" (it makes them itself).
Printed: ms per document and the ratio of this checkout to each.
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


def prepared(texts: list[str], words: bool) -> list:
    from textkit import Document

    documents = []
    for text in texts:
        document = Document(text)
        document.segmentation
        document.prose_sentences
        if words:
            document.words
        documents.append(document)
    return documents


def timed(entities, documents) -> float:
    from textkit import Config
    from textkit.collector import bulk

    config = Config()
    gc.collect()
    with bulk():  # no collection inside the timing
        started = time.process_time()
        for document in documents:
            entities.analyze(document, config)
        done = time.process_time()
    return 1000 * (done - started) / len(documents)


def main() -> None:
    from _revision import ab_arguments, export_revision, import_package as load_plugins

    args, texts = ab_arguments(__doc__.splitlines()[0], previous="2e5a282")
    with tempfile.TemporaryDirectory() as tmp:
        exported = export_revision(args.previous, Path(tmp) / "before")
        before = load_plugins("entities_before_plugins", exported / "textkit" / "plugins")
        before = importlib.import_module("entities_before_plugins.entities")
        now = importlib.import_module("textkit.plugins.entities")
        runs = {"now": (now, False), "words made": (before, True), "words on it": (before, False)}
        for entities, words in runs.values():  # warm: word lists, tables and caches loaded
            timed(entities, prepared(texts[:50], words))
        best: dict[str, float] = {}
        for round_ in range(args.rounds):
            order = list(runs) if round_ % 2 == 0 else list(reversed(runs))
            for name in order:
                entities, words = runs[name]
                best[name] = min(best.get(name, float("inf")), timed(entities, prepared(texts, words)))
    print(f"entities CPU per news article, {len(texts)} articles, best of {args.rounds} rounds, in one process")
    print(f"now: this checkout; {args.previous}: 'words made' before the clock, 'words on it' made by it")
    for name, ms in best.items():
        print(f"{name:12} {ms:7.3f} ms per document")
    for name in ("words made", "words on it"):
        print(f"now / {args.previous} ({name}): {best['now'] / best[name]:.3f}")


if __name__ == "__main__":
    main()
