"""What the sentiment section costs per document, and that it stays linear on hostile shapes.

    python benchmarks/bench_sentiment.py [--repeat 5]

For each text the document is segmented first (shared by every analyzer, not
counted), then timed, median of ``--repeat`` runs on a fresh document each:

* ``vader``: VADER over every sentence, the part every version of the
  analyzer has (``_vader.sentence_scores``);
* ``section``: the whole sentiment section (VADER, the evidence rules, the
  document score and its explanation, findings, arc).

``rules`` is section / vader: what the document score adds on top of VADER.
Hostile shapes are timed at two sizes; a linear analyzer takes about twice
as long for twice the text (``x2`` column).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from textkit import Config, Document, Skip
from textkit.plugins import _vader
from textkit.plugins.sentiment import analyze

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
REVIEW = (
    "I loved the first week. The screen is nice, but the battery is junk. However, it stopped working after "
    "a month and support was useless. Don't buy it; save your money. Overall, a terrible waste. "
)


def shapes(scale: int) -> dict[str, str]:
    """Hostile inputs of about ``scale`` x 100 KB each."""
    n = scale * 100_000
    return {
        '"Yes. " repeated': ("Yes. " * (n // 5)),
        "one giant line of words": (("good bad not but like junk " * (n // 27)).strip()),
        "runs of punctuation": ("Great!!!!!!!!!!???????? " * (n // 24)),
        "one run of !": ("!" * n),
        "review repeated": (REVIEW * (n // len(REVIEW))),
    }


def timed(text: str, repeat: int) -> tuple[float, float]:
    vader, section = [], []
    for _ in range(repeat):
        document = Document(text)
        document.sentences  # segment outside the timing
        started = time.perf_counter()
        _vader.sentence_scores(document)
        vader.append(time.perf_counter() - started)
        document = Document(text)
        document.sentences
        started = time.perf_counter()
        try:
            analyze(document, Config())
        except Skip:  # a text without a scorable sentence is skipped: timed all the same
            pass
        section.append(time.perf_counter() - started)
    return statistics.median(vader), statistics.median(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    analyze(Document(REVIEW), Config())  # load VADER and the vocabulary
    print(f"{'text':<28} {'KiB':>6} {'vader ms':>9} {'section ms':>11} {'rules':>6}")
    for name, text in (("article", ARTICLE), ("article x10", "\n\n".join([ARTICLE] * 10)), ("review", REVIEW)):
        vader, section = timed(text, args.repeat)
        print(f"{name:<28} {len(text) / 1024:6.0f} {vader * 1000:9.1f} {section * 1000:11.1f} {section / vader:6.2f}")
    print(f"\n{'hostile shape':<28} {'KiB':>6} {'section s':>10} {'2x text s':>10} {'x2':>5}")
    small, large = shapes(1), shapes(2)
    for name in small:
        _, one = timed(small[name], 1)
        _, two = timed(large[name], 1)
        print(f"{name:<28} {len(small[name]) / 1024:6.0f} {one:10.2f} {two:10.2f} {two / one:5.2f}")


if __name__ == "__main__":
    main()
