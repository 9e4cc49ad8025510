"""How much of textkit's CPU per news document is Python's cyclic garbage collector.

    python benchmarks/bench_gc.py [--documents 500] [--data ../shared/data]

Runs the four analyzers over bench_issue9's news texts twice in one process and prints, per
document, the CPU of each stage and the time spent in collections of each generation
(``gc.callbacks``):

* ``held``: bench_issue9's layout (``textkit_cpu``): every document segmented first, then each
  analyzer over all of them, then the JSON lines, so all documents and their memos stay alive
  to the end;
* ``one at a time``: each document segmented, analysed, written as a JSON line and let go
  before the next, as ``textkit analyze`` does in a corpus run.

A full collection walks every object the collector tracks, so with documents held it walks every
word of every document read so far. The naive textstat + VADER script keeps nothing and builds few
tracked objects.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


class Stages:
    """CPU seconds per stage, and the CPU seconds and count of the collections of each generation
    that ran inside a timed stage (a ``gc.callbacks`` entry while installed)."""

    def __init__(self, names: list[str]) -> None:
        self.cpu = dict.fromkeys(names, 0.0)
        self.collector: collections.Counter = collections.Counter()
        self.collections: collections.Counter = collections.Counter()
        self._timing = False
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if not self._timing:
            return
        if phase == "start":
            self._started = time.process_time()
        else:
            self.collector[info["generation"]] += time.process_time() - self._started
            self.collections[info["generation"]] += 1

    @contextlib.contextmanager
    def timed(self, stage: str):
        self._timing = True
        started = time.process_time()
        try:
            yield
        finally:
            self.cpu[stage] += time.process_time() - started
            self._timing = False


def run(texts: list[str], held: bool) -> Stages:
    from textkit import Config, Document, Report, __version__
    from textkit.analysis import default_plugins, run_analyzer
    from textkit.formats import json_format
    from textkit.model import PluginInfo

    plugins = default_plugins()
    selected = plugins.select()
    used = list({r.name: PluginInfo(r.name, r.version) for r in plugins.records}.values())
    config = Config()
    stages = Stages(["segmentation", *(a.id for a, _ in selected), "JSON Lines encoding"])
    gc.callbacks.append(stages)
    try:
        if held:  # bench_issue9's textkit_cpu: each stage over every document in turn
            documents = []
            for text in texts:
                with stages.timed("segmentation"):
                    document = Document(text)
                    document.segmentation
                documents.append(document)
            sections: list[list] = [[] for _ in documents]
            for analyzer, record in selected:
                with stages.timed(analyzer.id):
                    for document, kept in zip(documents, sections):
                        kept.append(run_analyzer(analyzer, record, document, config))
            reports = [Report(d, kept, __version__, used) for d, kept in zip(documents, sections)]
            with stages.timed("JSON Lines encoding"):
                for report in reports:
                    json_format.render_line(report)
            return stages
        for text in texts:  # a corpus run: each document analysed, written and let go
            with stages.timed("segmentation"):
                document = Document(text)
                document.segmentation
            kept = []
            for analyzer, record in selected:
                with stages.timed(analyzer.id):
                    kept.append(run_analyzer(analyzer, record, document, config))
            with stages.timed("JSON Lines encoding"):
                json_format.render_line(Report(document, kept, __version__, used))
        return stages
    finally:
        gc.callbacks.remove(stages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    args = parser.parse_args()
    import bench_issue9
    from evaluation.common import find_gold_data
    from textkit import Document
    from textkit.analysis import analyze_document

    texts = bench_issue9.news_texts(args.data or find_gold_data(), args.documents)
    for text in texts[:5]:  # warm: lexicons, dictionaries, caches
        analyze_document(Document(text))
    n = len(texts)
    print(f"{n} news texts; CPU ms per document, and how much of it the collector took")
    for layout, held in (("held (bench_issue9)", True), ("one at a time (a corpus run)", False)):
        gc.collect()
        stages = run(texts, held)
        total, collector = sum(stages.cpu.values()), sum(stages.collector.values())
        print(f"  {layout}: total {total / n * 1000:.2f}, of which the collector {collector / n * 1000:.2f} "
              f"({collector / total:.0%})")
        print("    " + ", ".join(f"{k} {v / n * 1000:.2f}" for k, v in stages.cpu.items()))
        for generation in sorted(stages.collections):
            seconds, count = stages.collector[generation], stages.collections[generation]
            print(f"    generation {generation}: {count} collections, {seconds / n * 1000:.2f} ms per document, "
                  f"{seconds / count * 1000:.2f} ms each")

if __name__ == "__main__":
    main()
