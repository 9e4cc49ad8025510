"""Dump the segmentation and the readability section for a fixed set of texts, or compare two dumps.

    python benchmarks/segment_outputs.py dump OUT.json [--data ../shared/data]
    python benchmarks/segment_outputs.py compare BEFORE.json AFTER.json

For a speed change to the core's segmentation or to readability that must not change results:
dump with the old code (PYTHONPATH set to a revision exported by _revision.export_revision),
dump with the new, compare. Each text's entry holds every paragraph, sentence and word with all
their fields, the segmentation's warnings, the counts, and the readability section (metrics,
findings, data, warnings). The texts are irony_outputs.py's (~1,800: article, news, reviews,
tweets, forum posts, hostile shapes), the hard sentence cases and Golden Rules, bench_hostile.py's
shapes at small sizes, and Markdown/HTML shapes read through their loaders.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def texts(data: Path) -> list[tuple[str, str, str | None]]:
    """(key, text, loader or None)."""
    import bench_hostile
    import irony_outputs

    irony_outputs.D = data
    out = [(key, text, None) for key, text in irony_outputs.texts()]
    from evaluation import sentences

    _, cases = sentences.load_cases()
    out += [(f"case/{i}", c.text, None) for i, c in enumerate(cases)]
    rules = json.loads(sentences.GOLDEN_RULES.read_text(encoding="utf-8"))["rules"]
    out += [(f"rule/{i}", r["text"], None) for i, r in enumerate(rules)]
    for name, unit in bench_hostile.SHAPES.items():
        for size in (200, 3000, 30000):
            out.append((f"hostile/{name}/{size}", (unit * (size // len(unit) + 1))[:size], None))
    for name, (loader, unit) in bench_hostile.MARKUP_SHAPES.items():
        for size in (200, 3000):
            out.append((f"markup/{name}/{size}", (unit * (size // len(unit) + 1))[:size], loader))
    prose = bench_hostile.PROSE
    out.append(("markup/md_prose", "# Title\n\n" + prose.replace("Geneva", "**Geneva**") + "- item one\n- item two\n", "markdown"))
    out.append(("markup/html_prose", "<html><body><h1>Title</h1><p>" + prose.replace("\n\n", "</p><p>") + "</p></body></html>", "html"))
    return out


def _spans(items, fields) -> list:
    return [[getattr(item, f) for f in fields] for item in items]


def entry_for(text: str, loader: str | None) -> dict:
    from textkit import Config, Document
    from textkit.plugins import readability

    if loader:
        from textkit.loaders import html, markdown

        extracted = {"markdown": markdown.extract, "html": html.extract}[loader](text)
        document = Document(extracted.text or "x", extracted=extracted)
    else:
        document = Document(text)
    seg = document.segmentation
    words_ok = all(w.text == document.text[w.start : w.end] for w in seg.words)
    entry = {
        "paragraphs": _spans(seg.paragraphs, ("start", "end", "index", "boilerplate")),
        "sentences": _spans(seg.sentences, ("start", "end", "index", "paragraph", "first_word", "end_word", "word_count")),
        "sentence_texts_ok": all(s.text == document.text[s.start : s.end] for s in seg.sentences)
        and all(p.text == document.text[p.start : p.end] for p in seg.paragraphs),
        "words": _spans(seg.words, ("start", "end", "index", "sentence")),
        "word_texts_ok": words_ok,
        "warnings": list(seg.warnings),
        "prose": [s.index for s in document.prose_sentences],
        "counts": dict(document.counts),
    }
    try:
        result = readability.analyze(document, Config())
        entry["readability"] = {
            "metrics": result.metrics,
            "findings": [f.to_dict() for f in result.findings],
            "data": result.data,
            "warnings": result.warnings,
            "display": result.display,
        }
    except Exception as exc:  # Skip
        entry["readability"] = f"{type(exc).__name__}: {exc}"
    return entry


def dump(out: Path, data: Path) -> None:
    result = {key: entry_for(text, loader) for key, text, loader in texts(data)}
    out.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True))
    print(f"{len(result)} texts dumped", file=sys.stderr)


def compare(before_file: Path, after_file: Path) -> int:
    """irony_outputs.py's comparison (every field of every text), plus how much segmentation it covered."""
    import irony_outputs

    before = json.loads(before_file.read_text(encoding="utf-8"))
    words = sum(len(e["words"]) for e in before.values())
    sentences = sum(len(e["sentences"]) for e in before.values())
    print(f"segmentation compared: {sentences:,} sentences, {words:,} words")
    return irony_outputs.compare(before_file, after_file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    dumping = modes.add_parser("dump", help="dump this checkout's outputs")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    comparing = modes.add_parser("compare", help="compare two dumps; exit 1 if they differ")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.mode == "compare":
        sys.exit(compare(args.before, args.after))
    from evaluation.common import find_gold_data

    dump(args.out, args.data or find_gold_data())


if __name__ == "__main__":
    main()
