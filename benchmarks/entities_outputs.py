"""Dump the entities analyzer's outputs for a fixed set of texts, compare two dumps, or time it side by side.

    python benchmarks/entities_outputs.py dump OUT.json [--data ../shared/data]
    python benchmarks/entities_outputs.py compare BEFORE.json AFTER.json
    python benchmarks/entities_outputs.py cpu [--against REVISION] [--rounds 5] [--documents 500]

For a speed change that must not change results: dump with the old code (PYTHONPATH set to a
revision exported by _revision.export_revision), dump with the new, compare. Each text's entry
holds the mentions ``find_mentions`` returns and the entities section (metrics, findings, data,
warnings) as JSON. The texts: those of irony_outputs.py (articles, reviews, tweets, forum posts,
CoNLL newswire, hostile shapes), the news texts bench_issue9.py times, every CoNLL-2003 and
WNUT-17 document, and bench_hostile.py's shapes at three sizes (all read from the shared data
folder, never copied here).

``cpu`` prints the entities analyzer's CPU per news document (bench_issue9.py's texts, already
segmented) for this checkout and for ``--against`` (default HEAD, exported), in fresh processes
that alternate, so that load on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def texts(data: Path) -> list[tuple[str, str]]:
    import bench_hostile
    import bench_issue9
    import irony_outputs

    irony_outputs.D = data
    out = irony_outputs.texts()
    out += [(f"news/{i}", text) for i, text in enumerate(bench_issue9.news_texts(data, 500))]
    for corpus in ("ner_conll2003/dev_docs.jsonl", "ner_wnut17/test_docs.jsonl"):
        with open(data / corpus, encoding="utf-8") as handle:
            out += [(f"{corpus}/{i}", json.loads(line)["text"]) for i, line in enumerate(handle)]
    for name, unit in bench_hostile.SHAPES.items():
        for size in (500, 8000, 60000):
            out.append((f"hostile/{name}/{size}", (unit * (size // len(unit) + 1))[:size]))
    return out


def dump(out: str, data: Path) -> None:
    from textkit import Config, Document
    from textkit.plugins.entities import analyze, find_mentions

    result = {}
    cpu = 0.0
    config = Config()
    for key, text in texts(data):
        doc = Document(text)
        _ = doc.words
        started = time.process_time()
        entry = {}
        try:
            entry["mentions"] = [[m.start, m.end, m.text, m.name, m.type] for m in find_mentions(doc)]
            section = analyze(doc, config)
            entry["metrics"] = section.metrics
            entry["findings"] = [f.to_dict() for f in section.findings]
            entry["data"] = section.data
            entry["warnings"] = section.warnings
        except Exception as error:  # Skip, NotThisScript
            entry["error"] = f"{type(error).__name__}: {error}"
        cpu += time.process_time() - started
        result[key] = entry
    Path(out).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, default=repr))
    print(f"{len(result)} texts, {sum('error' not in e for e in result.values())} analysed, "
          f"{sum(len(e.get('mentions', [])) for e in result.values())} mentions, entities cpu {cpu:.2f} s", file=sys.stderr)


def compare(before_file: str, after_file: str) -> int:
    import irony_outputs

    return irony_outputs.compare(before_file, after_file, normalised=lambda entry: entry)


CPU_PROBE = """
import json, sys, time
from textkit import Config, Document
from textkit.analysis import default_plugins, run_analyzer
texts = json.load(open(sys.argv[1], encoding="utf-8"))
(analyzer, record), = [(a, r) for a, r in default_plugins().select() if a.id == "entities"]
config = Config()
documents = [Document(t) for t in texts]
for d in documents:
    d.segmentation
for d in documents[:5]:
    run_analyzer(analyzer, record, d, config)
started = time.process_time()
for d in documents:
    run_analyzer(analyzer, record, d, config)
print((time.process_time() - started) / len(documents))
"""


def cpu(against: str, rounds: int, n: int, data: Path) -> None:
    import bench_issue9
    from _revision import export_revision

    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(bench_issue9.news_texts(data, n)), encoding="utf-8")
        old = export_revision(against, Path(tmp) / "old")
        figures: dict[str, list[float]] = {"now": [], against: []}
        for _ in range(rounds):
            for label, path in (("now", None), (against, old)):
                env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
                if path:
                    env["PYTHONPATH"] = str(path)
                done = subprocess.run([sys.executable, "-c", CPU_PROBE, str(texts_file)],
                                      capture_output=True, text=True, env=env, check=True)
                figures[label].append(float(done.stdout) * 1000)
    for label, values in figures.items():
        print(f"entities per document, {label:>10}: median {statistics.median(values):.2f} ms "
              f"({', '.join(f'{v:.2f}' for v in values)})")
    ratios = [b / a for a, b in zip(figures["now"], figures[against])]
    print(f"{against} / now, per round: median {statistics.median(ratios):.2f}x")


def main() -> None:
    from evaluation.common import find_gold_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dump", "compare", "cpu"])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    parser.add_argument("--against", default="HEAD", help="cpu: the git revision to time side by side")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--documents", type=int, default=500)
    args = parser.parse_args()
    if args.mode == "compare":
        sys.exit(compare(*args.files[:2]))
    data = args.data or find_gold_data()
    if args.mode == "dump":
        dump(args.files[0], data)
    else:
        cpu(args.against, args.rounds, args.documents, data)


if __name__ == "__main__":
    main()
