"""Dump the sentiment analyzer's outputs for a fixed set of texts, or compare two dumps.

    python benchmarks/sentiment_outputs.py dump OUT.json [--data ../shared/data]
    python benchmarks/sentiment_outputs.py compare BEFORE.json AFTER.json

For a speed change to sentiment (or to VADER's shared scores) that must not change results:
dump with the old code (PYTHONPATH set to a revision exported by _revision.export_revision),
dump with the new, compare. Each text's entry holds VADER's shared sentence scores and token
valences, and the whole section (metrics, findings, data, warnings) twice: by default and with
``sentence_details`` (every per-sentence record and rule change). The texts are irony_outputs.py's
(~1,800: article, news, reviews, tweets, forum posts, hostile shapes) and bench_issue9's 500 news
texts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))


def texts(data: Path) -> list[tuple[str, str]]:
    import bench_issue9
    import irony_outputs

    irony_outputs.D = data
    return irony_outputs.texts() + [(f"news/{i}", t) for i, t in enumerate(bench_issue9.news_texts(data, 500))]


def entry_for(text: str) -> dict:
    from textkit import Config, Document
    from textkit.plugins import _vader
    from textkit.plugins.sentiment import analyze

    document = Document(text)
    entry: dict = {}
    try:
        entry["scores"] = _vader.sentence_scores(document)
        entry["valences"] = [[v.tokens, v.valences, v.emphasis, v.text] for v in _vader.sentence_valences(document)]
        for name, options in (("default", {}), ("details", {"sentiment": {"sentence_details": True}})):
            result = analyze(document, Config(options))
            entry[name] = {
                "metrics": result.metrics,
                "findings": [f.to_dict() for f in result.findings],
                "data": result.data,
                "warnings": result.warnings,
            }
    except Exception as error:  # Skip etc.
        entry["error"] = f"{type(error).__name__}: {error}"
    return entry


def main() -> None:
    import irony_outputs

    args = irony_outputs.arguments(__doc__.splitlines()[0])
    if args.mode == "compare":
        sys.exit(irony_outputs.compare(*args.files[:2], normalised=lambda entry: entry))
    from evaluation.common import find_gold_data

    result = {key: entry_for(text) for key, text in texts(args.data or find_gold_data())}
    Path(args.files[0]).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, default=repr))
    print(f"{len(result)} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
