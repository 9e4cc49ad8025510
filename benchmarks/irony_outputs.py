"""Dump the irony analyzer's outputs for a fixed set of ~1,800 texts, or compare two dumps.

    python benchmarks/irony_outputs.py dump OUT.json [--data ../shared/data]
    python benchmarks/irony_outputs.py compare BEFORE.json AFTER.json

For a speed change that must not change results: dump with the old code (PYTHONPATH set to a
revision exported by _revision.export_revision), dump with the new, compare. Each text's entry
holds ``sentence_irony``, ``feature_values`` and the section (option ``details``: everything)
as JSON; a ``word_cues.strongest`` list of {cue, weight} (before 2026-11) is read as a mapping.
The texts: examples/article.txt, OneStopEnglish, satire and real news, ironic and plain Amazon
reviews, SemEval tweets, forum posts, iSarcasmEval, CoNLL newswire, whole product reviews, VADER
snippets (all from the shared data folder, never copied here) and hostile shapes.
"""

from __future__ import annotations

import argparse

import csv
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ART = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
D = Path()

def texts():
    out = [("article", ART)]
    rng = random.Random(7)
    for lvl, n in (("adv", 159), ("ele", 40), ("int", 20)):
        files = sorted((D / "readability_onestopenglish" / lvl).glob("*.txt"))[:n]
        out += [(f"ose/{lvl}/{f.name}", f.read_text(encoding="utf-8", errors="replace")) for f in files]
    rows = [json.loads(l) for l in open(D / "irony_longform/satire_news_train.jsonl", encoding="utf-8")]
    sat = [r for r in rows if r["satire"]][:131]
    real = rng.sample([r for r in rows if not r["satire"]], 120)
    out += [(f"sat/{r['id']}", r["text"]) for r in sat + real]
    rows = [json.loads(l) for l in open(D / "irony_longform/amazon_ironic_reviews_dev.jsonl", encoding="utf-8")]
    out += [(f"amz/{r['id']}", r["text"]) for r in rows[:200]]
    with open(D / "irony_semeval2018/train_taskA.tsv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    out += [(f"tw/{r[0]}", r[2]) for r in rows[:400]]
    with open(D / "irony_longform/sarcasm_v2_GEN.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    out += [(f"sv2/{r[1]}/{r[0]}", r[2]) for r in rng.sample(rows, 200)]
    with open(D / "irony_isarcasmeval2022/train.En.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    out += [(f"isc/{i}", r[1]) for i, r in enumerate(rows[:150])]
    rows = [json.loads(l) for l in open(D / "ner_conll2003/dev_docs.jsonl", encoding="utf-8")]
    out += [(f"conll/{i}", r["text"]) for i, r in enumerate(rows[:30])]
    rows = [json.loads(l) for l in open(D / "sentiment_long/amazon_multidomain_blitzer2007.jsonl", encoding="utf-8")]
    out += [(f"blitz/{r['id']}", r["text"]) for r in rng.sample(rows, 80)]
    for name in ("tweets", "movieReviewSnippets"):
        with open(D / f"sentiment_vader/{name}_GroundTruth.txt", encoding="utf-8", errors="replace") as fh:
            lines = [l.rstrip("\r\n").split("\t") for l in fh][:100]
        out += [(f"vader/{name}/{l[0]}", l[2]) for l in lines if len(l) > 2]
    prose = ("The committee met on Tuesday in Geneva and approved the plan after a long debate. "
             "Maria Lopez, who chairs it, said the decision was “a great relief” — but not everyone agreed! "
             "Critics argued the cost was far too high; others wondered whether the timeline (two years, at best) "
             "was realistic. Oh, wonderful, another delay, one of them wrote. Still, the vote passed.\n\n")
    shapes = {"paren": "(a", "nono": "no ", "word": "a", "yes": "Yes. ", "quotes": "“#", "qx": "?!",
              "dots": "...", "caps": "NEVER ", "phrase": "the big red dog ", "prose": prose,
              "allcaps": prose.upper(), "mixed": "Hello мир 世界 مرحبا שלום नमस्ते こんにちは 😀 ",
              "qq": "\"'“”‘’«» ", "lines": "a\n", "giant_line": prose.replace("\n", " "),
              "aside": "It was (of course) fine (of course). ", "quote_s": "He called it “progress”. ",
              "great": "Oh great. Just great. Thanks a lot!!! ", "article": ART + "\n\n"}
    for name, unit in shapes.items():
        for size in (300, 5000, 20000):
            out.append((f"shape/{name}/{size}", (unit * (size // len(unit) + 1))[:size]))
    return out

def dump(out: str) -> None:
    from textkit import Config, Document
    from textkit.plugins.irony import analyze, feature_values, sentence_irony
    result = {}
    cpu = 0.0
    for key, text in texts():
        doc = Document(text)
        _ = doc.words
        t = time.process_time()
        entry = {}
        try:
            entry["sentence_irony"] = sentence_irony(doc)
            entry["features"] = feature_values(doc)
            r = analyze(doc, Config({"irony": {"list_cues": True, "details": True}} if key.startswith("tw/1") else {"irony": {"details": True}}))
            entry["metrics"] = r.metrics
            entry["findings"] = [f.to_dict() for f in r.findings]
            entry["data"] = r.data
            entry["warnings"] = r.warnings
            entry["display"] = r.display
        except Exception as e:  # Skip etc.
            entry["error"] = f"{type(e).__name__}: {e}"
        cpu += time.process_time() - t
        result[key] = entry
    Path(out).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, default=repr))
    print(f"{len(result)} texts, irony cpu {cpu:.2f} s", file=sys.stderr)

def _normalised(entry: dict) -> dict:
    cues = entry.get("data", {}).get("word_cues")
    if cues and isinstance(cues.get("strongest"), list):
        cues["strongest"] = {c["cue"]: c["weight"] for c in cues["strongest"]}
    return entry


def compare(before_file: str, after_file: str, normalised=_normalised) -> int:
    """Print the first differing entries of two dumps and how many differ; 1 when any does."""
    before = json.loads(Path(before_file).read_text(encoding="utf-8"))
    after = json.loads(Path(after_file).read_text(encoding="utf-8"))
    differ = 0
    for key, old in before.items():
        old, new = normalised(old), normalised(after.get(key, {}))
        if old != new:
            differ += 1
            if differ <= 5:
                for field in sorted(set(old) | set(new)):
                    if old.get(field) != new.get(field):
                        print(key, field, str(old.get(field))[:300], "\n   now", str(new.get(field))[:300])
    print(f"{len(before)} texts, {differ} differ")
    return 1 if differ else 0


def arguments(description: str) -> argparse.Namespace:
    """``dump OUT.json [--data DIR]`` or ``compare BEFORE.json AFTER.json`` (shared with sentiment_outputs.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("mode", choices=["dump", "compare"])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    return parser.parse_args()


def main() -> None:
    global D
    args = arguments(__doc__.splitlines()[0])
    if args.mode == "compare":
        sys.exit(compare(*args.files[:2]))
    sys.path.insert(0, str(ROOT))
    from evaluation.common import find_gold_data

    D = args.data or find_gold_data()
    dump(args.files[0])


if __name__ == "__main__":
    main()
