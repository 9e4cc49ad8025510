"""The core's segmentation per news document: this checkout against an earlier revision, in one process.

    python benchmarks/bench_segment.py [--main 0e439f1] [--documents 500] [--rounds 7] [--data ../shared/data]

Both segmenters run in the same process on the same texts (bench_issue9's news texts), the
revision's exported by _revision.export_revision and imported under another package name,
alternated round by round; the best round of each is the figure (CPU time, so other load on
the machine shows less). pysbd's cache of pieces seen lately is emptied before every round:
a real run sees each document once.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def _load_revision(revision: str, tmp: Path):
    """The ``segment`` module of ``revision``, imported as package ``textkit_at_revision``."""
    from _revision import export_revision

    exported = export_revision(revision, tmp / "export")
    (exported / "textkit").rename(exported / "textkit_at_revision")
    sys.path.insert(0, str(exported))
    return importlib.import_module("textkit_at_revision.segment")


def _own_pysbd(module) -> dict:
    """What ``module``'s pysbd_fast sets in pysbd's modules (each revision patches pysbd its own
    way): each module's ``re``, and the ListItemReplacer pysbd's processor uses."""
    import re

    import pysbd.processor
    from pysbd.lists_item_replacer import ListItemReplacer

    pysbd_modules = {name: m for name, m in sys.modules.items() if name == "pysbd" or name.startswith("pysbd.")}
    for m in pysbd_modules.values():
        if hasattr(m, "re") and not isinstance(m.re, type(re)):
            m.re = re  # as imported, so that this revision's segmenter() patches them
    pysbd.processor.ListItemReplacer = ListItemReplacer
    fast = importlib.import_module(module.__name__.rsplit(".", 1)[0] + ".pysbd_fast")
    fast.segmenter.cache_clear()
    fast.segmenter()
    patched = {(name, "re"): m.re for name, m in pysbd_modules.items() if hasattr(m, "re")}
    patched["pysbd.processor", "ListItemReplacer"] = pysbd.processor.ListItemReplacer
    return patched


def _use_pysbd(patched: dict) -> None:
    for (name, attribute), value in patched.items():
        setattr(sys.modules[name], attribute, value)


def _round(module, texts: list[str], patched: dict) -> float:
    _use_pysbd(patched)
    module.pysbd_sentences.cache_clear()
    gc.collect()
    started = time.process_time()
    for text in texts:
        module.segment(text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main", default="0e439f1", help="the revision to compare with")
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    from bench_issue9 import news_texts
    from evaluation.common import find_gold_data

    texts = news_texts(args.data or find_gold_data(), args.documents)
    from textkit import segment as now

    with tempfile.TemporaryDirectory() as tmp:
        before = _load_revision(args.main, Path(tmp))
        import pysbd.segmenter  # noqa: F401 (the modules each revision patches)

        patched = {}
        for module in (before, now):
            patched[module] = _own_pysbd(module)
            for text in texts[:20]:
                module.segment(text)  # patterns compiled
        best = {"before": float("inf"), "now": float("inf")}
        for r in range(args.rounds):
            order = (("before", before), ("now", now)) if r % 2 == 0 else (("now", now), ("before", before))
            for name, module in order:
                best[name] = min(best[name], _round(module, texts, patched[module]))
    n = len(texts)
    print(f"{n} news texts, best of {args.rounds} rounds (CPU ms per document)")
    print(f"  {args.main}: {best['before'] * 1000 / n:.3f}")
    print(f"  this checkout: {best['now'] * 1000 / n:.3f}")
    print(f"  ratio now / {args.main}: {best['now'] / best['before']:.3f}")


if __name__ == "__main__":
    main()
