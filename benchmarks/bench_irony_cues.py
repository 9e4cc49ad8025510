"""The irony cue numbers and the irony section per news article: CPU (one process) and instructions.

    nice -n 10 python benchmarks/bench_irony_cues.py cpu [--previous main] [--rounds 7] [--texts /tmp/news500]
    nice -n 10 python benchmarks/bench_irony_cues.py instructions [--previous main] [--warm 100] [--documents 30]
    nice -n 10 python benchmarks/bench_irony_cues.py hostile [--previous main] [--rounds 3]

What is measured is the part of the irony evidence that is not the markers: the word cues as
numbers (``cue_numbers``: ``CueReader``, the pass over the words, the weights), the features and
sentence scores that read them, and the irony analyzer's section (``strongest``, passages,
findings). Before the clock: segmentation, VADER's shared sentence scores, the word keys and the
markers (``find_markers``, ``phrase_echoes_note``), so the figures do not move with the markers,
and the count of letters by script (``require_script``), which the other analyzers of a run ask for.

``cpu``: the earlier revision's irony package (exported with _revision.export_revision) is
imported beside this one under another name; each has its own prepared documents, whose memo is
set back to the prepared state before each round; both are timed in turn (order alternating,
garbage collector paused, best of ``--rounds``). Printed: ms per document of the cues
(``cue_values``), the features and sentence scores, the section, and cues + section, with the ratio.
``words``: whether the documents' Word objects are built before the clock (``--no-words``: not;
then code that reads ``document.words`` pays for building them, as in a run where no analyzer does).
``--cold``: the word readings the cue modules keep across documents are emptied before each
round, so a round meets words for the first time as a run over these texts does (else: steady state).

``instructions``: four runs under ``valgrind --tool=cachegrind`` per revision (the whole textkit
of that revision): ``--warm`` texts analysed first, then ``--documents`` texts prepared as above
and taken up to a stage: prepared, the cues (``cue_values``), the features and sentence scores,
the section; each stage's count is the difference of two runs, per document. ``--warm 3``:
tables loaded, but most words met for the first time, as early in a run. Counts do not move with the
machine's load (fix PYTHONHASHSEED, set here).

``hostile``: the irony part on 100 kB of each of bench_hostile.py's shapes, both revisions in one
process, alternating (fresh processes differ more than a change does on a loaded machine): a
shape much slower per MB than before is a loop gone superlinear.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

PROBE = """
import json, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
warm, n, stage = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
from textkit import Config, Document, require_script
from textkit.plugins._vader import sentence_scores
import textkit.plugins.irony as irony
from textkit.plugins.irony import echoes, lexicon, markers
config = Config()
def prepared(text):
    document = Document(text)
    document.segmentation
    require_script(document.text)  # (the other analyzers ask it of every text: made once per text)
    sentence_scores(document)
    lexicon.word_keys(document)
    markers.find_markers(document)
    echoes.phrase_echoes_note(document)
    return document
def analysed(document):
    irony.feature_values(document)
    irony.sentence_irony(document)
    irony.analyze(document, config)
for text in texts[:warm]:
    analysed(prepared(text))
for text in texts[warm : warm + n]:
    document = prepared(text)
    if stage >= 1:
        irony.cue_numbers.cue_values(document)
    if stage >= 2:
        irony.feature_values(document)
        irony.sentence_irony(document)
    if stage >= 3:
        irony.analyze(document, config)
"""
STAGES = ("prepared", "cues", "features", "section")


def prepare(irony, texts: list[str], words: bool) -> list:
    """Documents with everything before the measured part done, and their memo at that point."""
    from textkit import Document
    from textkit.plugins._vader import sentence_scores

    markers = sys.modules[irony.__name__ + ".markers"]
    echoes = sys.modules[irony.__name__ + ".echoes"]
    lexicon = sys.modules[irony.__name__ + ".lexicon"]
    documents = []
    for text in texts:
        document = Document(text)
        document.segmentation
        if words:
            document.words
        sentence_scores(document)
        lexicon.word_keys(document)
        markers.find_markers(document)
        echoes.phrase_echoes_note(document)
        documents.append((document, dict(document._memo)))
    return documents


def forget_words(irony) -> None:
    """Empty the word readings the cue modules keep across documents (as at the start of a run)."""
    for name in ("cue_numbers", "word_cues"):
        module = sys.modules[irony.__name__ + "." + name]
        for attribute, value in vars(module).items():
            if attribute.isupper() and isinstance(value, dict):
                value.clear()
    usable = sys.modules[irony.__name__ + ".word_cues"].usable
    if hasattr(usable, "cache_clear"):  # (cached before 2026-12)
        usable.cache_clear()


def timed(irony, documents, cold: bool = False) -> tuple[float, float, float]:
    """ms per document of the cues, the features and sentence scores, and the section."""
    from textkit import Config, require_script

    config = Config()
    cue_numbers = sys.modules[irony.__name__ + ".cue_numbers"]
    if cold:
        forget_words(irony)
    for document, memo in documents:
        document._memo = dict(memo)
    gc.collect()
    gc.disable()
    try:
        clock = [time.process_time()]
        for document, _ in documents:
            cue_numbers.cue_values(document)
        clock.append(time.process_time())
        for document, _ in documents:
            irony.feature_values(document)
            irony.sentence_irony(document)
        clock.append(time.process_time())
        # Each text's count of letters by script made before its clock, as the other analyzers of
        # a run ask for it too (``textkit.script`` keeps the last text's).
        section = 0.0
        for document, _ in documents:
            require_script(document.text)
            started = time.process_time()
            irony.analyze(document, config)
            section += time.process_time() - started
        clock.append(clock[-1] + section)
    finally:
        gc.enable()
    return tuple(1000 * (b - a) / len(documents) for a, b in zip(clock, clock[1:]))


def read_texts(folder: Path, count: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:count]]


def cpu(args) -> None:
    from _revision import export_revision
    from bench_irony_ab import load_package

    texts = read_texts(args.texts, args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        exported = export_revision(args.previous, Path(tmp) / "before")
        before = load_package("textkit.plugins.irony_before", exported / "textkit" / "plugins" / "irony")
        now = importlib.import_module("textkit.plugins.irony")
        revisions = {args.previous: before, "now": now}
        prepared = {name: prepare(irony, texts, args.words) for name, irony in revisions.items()}
        best: dict[str, tuple[float, float, float]] = {}
        for round_ in range(args.rounds + 1):  # the first round warms the caches: not kept
            order = list(revisions) if round_ % 2 == 0 else list(reversed(revisions))
            for name in order:
                cues, features, section = timed(revisions[name], prepared[name], args.cold)
                row = (cues, features, section, cues + section)
                if round_ and (name not in best or row[3] < best[name][3]):
                    best[name] = row
    print(f"irony cue numbers and section, CPU per news article, {len(texts)} articles, best of {args.rounds}"
          f" rounds, in one process (Word objects built before: {args.words};"
          f" word readings {'forgotten before each round' if args.cold else 'kept'})")
    print(f"{'':10} {'cues':>9} {'features':>9} {'section':>9} {'cues+sect':>9}   (ms per document; features: not this part's)")
    for name, row in best.items():
        print(f"{name:10}" + "".join(f" {v:9.3f}" for v in row))
    print(f"{'now/before':10}" + "".join(f" {n / b:9.3f}" for n, b in zip(best["now"], best[args.previous])))


def instructions(args) -> None:
    from _revision import export_revision
    from bench_instructions import instructions as counted

    os.environ["PYTHONHASHSEED"] = "0"  # counts move by ±1 M with the hash seed
    texts = read_texts(args.texts, args.warm + args.documents)
    tmp = Path(tempfile.mkdtemp())
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    # (``--current``: a revision of this branch, exported, so that editing the checkout during the
    # runs changes nothing.)
    current = export_revision(args.current, tmp / "current") if args.current else None
    revisions = {args.previous: export_revision(args.previous, tmp / "previous"), "this checkout": current}
    common = [str(texts_file), str(args.warm), str(args.documents)]
    jobs = {(label, stage): (common + [str(stage)], path) for label, path in revisions.items() for stage in range(4)}
    with ThreadPoolExecutor(max_workers=2) as pool:  # two valgrind runs at a time (2 cores)
        counts = dict(zip(jobs, pool.map(lambda job: counted(PROBE, *job), jobs.values())))
    # Each stage's instructions: the run up to it minus the run up to the stage before.
    per_document = {
        label: {STAGES[k]: (counts[label, k] - counts[label, k - 1]) / args.documents for k in range(1, 4)}
        for label in revisions
    }
    for row in per_document.values():
        row["cues + section"] = row["cues"] + row["section"]
    print(f"instructions per document, M ({args.documents} texts after {args.warm}); features: not this part's")
    columns = list(per_document[args.previous])
    print(f"{'':16}" + "".join(f"{c:>16}" for c in columns))
    for label, row in per_document.items():
        print(f"{label:16}" + "".join(f"{row[c] / 1e6:16.3f}" for c in columns))
    now, before = per_document["this checkout"], per_document[args.previous]
    print(f"{'ratio':16}" + "".join(f"{now[c] / before[c]:16.3f}" for c in columns))


def hostile(args) -> None:
    """s/MB of the whole irony evidence and section on bench_hostile's shapes (100 kB), the
    earlier revision and this checkout in one process, alternating, best of ``--rounds``."""
    from _revision import export_revision
    from bench_hostile import SHAPES
    from bench_irony_ab import load_package
    from textkit import Config, Document

    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        exported = export_revision(args.previous, Path(tmp) / "before")
        before = load_package("textkit.plugins.irony_before", exported / "textkit" / "plugins" / "irony")
        revisions = {args.previous: before, "now": importlib.import_module("textkit.plugins.irony")}
        print(f"irony, s/MB on 100 kB of each shape, best of {args.rounds}, in one process")
        for shape, unit in SHAPES.items():
            raw = (unit * (100_000 // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:100_000].decode("utf-8", "ignore")
            documents = {name: Document(raw) for name in revisions}
            best: dict[str, float] = {}
            for round_ in range(args.rounds):
                for name in list(revisions) if round_ % 2 == 0 else list(reversed(revisions)):
                    document, irony = documents[name], revisions[name]
                    document._memo = {}
                    gc.collect()
                    started = time.process_time()
                    try:
                        irony.feature_values(document)
                        irony.sentence_irony(document)
                        irony.analyze(document, config)
                    except Exception:  # (a text in another script is skipped: timed all the same)
                        pass
                    best[name] = min(best.get(name, float("inf")), time.process_time() - started)
            ratio = best["now"] / best[args.previous] if best[args.previous] else 1.0
            print(f"{shape:16} {args.previous} {best[args.previous] * 10:7.3f}   now {best['now'] * 10:7.3f}   ratio {ratio:6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cpu", "instructions", "hostile"))
    parser.add_argument("--previous", default="main", help="the git revision to compare with")
    parser.add_argument("--current", default=None, help="instructions: a revision instead of the checkout")
    parser.add_argument("--texts", type=Path, default=Path("/tmp/news500"), help="a folder of .txt files")
    parser.add_argument("--documents", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warm", type=int, default=100)
    parser.add_argument("--no-words", dest="words", action="store_false")
    parser.add_argument("--cold", action="store_true", help="each round starts without word readings, as a run does")
    args = parser.parse_args()
    if args.what == "hostile":
        hostile(args)
    elif args.what == "cpu":
        args.documents = args.documents or 500
        cpu(args)
    else:
        args.documents = args.documents or 30
        instructions(args)


if __name__ == "__main__":
    main()
