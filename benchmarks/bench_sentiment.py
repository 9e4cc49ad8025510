"""What the sentiment section costs per document, against an earlier revision, and that it stays linear.

    python benchmarks/bench_sentiment.py [--repeat 20] [--previous 21e2e74] [--data ../shared/data]
                                         [--equivalence] [--no-hostile]

Per text, CPU time (``time.process_time``) per document, the fastest of
``--repeat`` runs on a fresh document each; segmentation (shared by every
analyzer) is done first and not counted, and so are the irony sentence scores
(shared with the irony analyzer, computed once beforehand and handed in):

* ``vader``: VADER over every sentence (``_vader.sentence_scores``), which the
  irony analyzer shares;
* ``section``: the whole sentiment section, VADER included (the evidence
  rules, the document score and its explanation, findings, arc).

Both are measured for this checkout and for ``--previous`` (its toolkit/ and
plugins/ exported and imported in a separate process), side by side in one
run; the ratio column is now / previous. Texts: examples/article.txt (~500
words), a short review, and with ``--data`` the first 100 OneStopEnglish
articles (mean per article) and ten others joined into one text.

``--equivalence`` checks that ``textkit.plugins._vader.polarity`` (textkit's
faster VADER loop) equals ``SentimentIntensityAnalyzer().polarity_scores`` of
the straightened text on every sentence of VADER's own rated sets
(sentiment_vader/ in the data folder) and prints the count.

Hostile shapes (those of ``bench_hostile.py``) are run at ``--hostile-mb``
each, in a fresh process: CPU and peak extra memory of VADER and the section,
per MB, next to the bound for all of textkit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _revision import export_revision  # noqa: E402
from evaluation.common import find_gold_data  # noqa: E402

ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
REVIEW = (
    "I loved the first week. The screen is nice, but the battery is junk. However, it stopped working after "
    "a month and support was useless. Don't buy it; save your money. Overall, a terrible waste. "
)
# The last commit before the sentiment section was made faster.
PREVIOUS = "21e2e74"

PROBE = """
import json, sys, time
from textkit import Config, Document, Skip
from textkit.plugins import _vader
import textkit.plugins.sentiment as sentiment
from textkit.plugins.irony import sentence_irony

texts, repeat = json.load(open(sys.argv[1], encoding="utf-8")), int(sys.argv[2])

def fresh(text):
    document = Document(text)
    document.sentences  # segmentation: shared, not counted
    return document

def cpu(work, text):
    times = []
    for _ in range(repeat):
        document = fresh(text)
        started = time.process_time()
        try:
            work(document)
        except Skip:
            pass
        times.append(time.process_time() - started)
    return min(times)  # the least disturbed run: other load on the machine only adds time

sentiment.analyze(fresh(texts["review"][0]), Config())  # load VADER and the vocabulary
out = {}
for name, group in texts.items():
    vader = section = 0.0
    for text in group:
        irony = sentence_irony(fresh(text))  # shared with the irony analyzer: computed outside the timing
        sentiment._sentence_irony = lambda document, irony=irony: irony
        vader += cpu(_vader.sentence_scores, text)
        section += cpu(lambda document: sentiment.analyze(document, Config()), text)
    out[name] = {"vader": vader / len(group), "section": section / len(group)}
print(json.dumps(out))
"""


def measure(texts: dict[str, list[str]], repeat: int, pythonpath: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(path), str(repeat)], env=env, capture_output=True, text=True, check=True
        )
    return json.loads(done.stdout)


def equivalence(data: Path) -> tuple[int, int]:
    """(sentences checked, sentences where textkit's VADER differs from vaderSentiment's)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from evaluation.sentiment import SETS, read_ratings
    from textkit.plugins import _vader

    vader = SentimentIntensityAnalyzer()
    checked = differ = 0
    for stem, _, _ in SETS:
        for row in read_ratings(data / "sentiment_vader" / f"{stem}_GroundTruth.txt"):
            checked += 1
            differ += _vader.polarity(row.text) != vader.polarity_scores(_vader.straighten(row.text))
    return checked, differ


HOSTILE_PROBE = """
import json, resource, sys, time
from textkit import Config, Document, Skip
from textkit.plugins import _vader
import textkit.plugins.sentiment as sentiment
unit, size = sys.argv[1], int(sys.argv[2])
text = (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")
sentiment.analyze(Document("Warm up. I love it."), Config())
sentiment._sentence_irony = lambda document: None  # irony's shared sentence scores: another analyzer's cost
document = Document(text)
document.sentences  # segmentation: the core's cost
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base = peak()
started = time.process_time()
_vader.sentence_scores(document)
try:
    sentiment.analyze(document, Config())
except Skip:
    pass
print(json.dumps({"cpu": time.process_time() - started, "mib": peak() - base, "sentences": len(document.sentences)}))
"""


def hostile(unit: str, size: int) -> dict:
    """VADER and the sentiment section on ``size`` bytes of ``unit`` repeated, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", HOSTILE_PROBE, unit, str(size)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--previous", default=PREVIOUS, help="git revision to compare with (default %(default)s)")
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: found beside the checkout)")
    parser.add_argument("--equivalence", action="store_true", help="check textkit's VADER against vaderSentiment")
    parser.add_argument("--no-hostile", action="store_true")
    parser.add_argument("--hostile-mb", type=float, default=1.0, help="size of each hostile shape in MB (default 1)")
    args = parser.parse_args()
    data = args.data or find_gold_data()

    texts = {"article": [ARTICLE], "review": [REVIEW]}
    if data and (data / "readability_onestopenglish").is_dir():
        news = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((data / "readability_onestopenglish").glob("*/*.txt"))]
        texts["OneStopEnglish (mean of 100)"] = news[:100]
        # Ten different articles in one text (a repeated text would share its repeated sentences' readings).
        texts["10 OneStopEnglish articles joined"] = ["\n\n".join(news[100:110])]
    with tempfile.TemporaryDirectory() as tmp:
        before = measure(texts, args.repeat, export_revision(args.previous, Path(tmp) / "previous"))
    now = measure(texts, args.repeat, None)
    print(f"CPU ms per document (fastest of {args.repeat}); previous = {args.previous}; target: section <= 3.5 ms per article")
    print(f"{'text':<30} {'vader prev':>10} {'vader now':>10} {'section prev':>13} {'section now':>12} {'now/prev':>9}")
    for name in texts:
        b, n = before[name], now[name]
        print(
            f"{name:<30} {b['vader'] * 1000:10.2f} {n['vader'] * 1000:10.2f} {b['section'] * 1000:13.2f} "
            f"{n['section'] * 1000:12.2f} {n['section'] / b['section']:9.2f}"
        )

    if args.equivalence:
        if not data:
            sys.exit("--equivalence needs the shared data folder (--data)")
        checked, differ = equivalence(data)
        print(f"\nVADER equivalence: {checked:,} of VADER's rated sentences checked, {differ} differ (must be 0)")

    if not args.no_hostile:
        from bench_hostile import CPU_PER_MB, MIB_PER_MB, SHAPES

        size = int(args.hostile_mb * 1_000_000)
        print(
            f"\nhostile shapes, {size:,} bytes each: VADER and the sentiment section (irony's shared sentence "
            f"scores and segmentation not counted); bound {CPU_PER_MB:g} s and {MIB_PER_MB:g} MiB per MB for all of textkit"
        )
        print(f"{'shape':<16} {'sentences':>10} {'cpu s':>7} {'s/MB':>6} {'MiB':>6} {'MiB/MB':>7}")
        for name, unit in SHAPES.items():
            r = hostile(unit, size)
            mb = size / 1_000_000
            print(f"{name:<16} {r['sentences']:>10,} {r['cpu']:7.2f} {r['cpu'] / mb:6.2f} {r['mib']:6.0f} {r['mib'] / mb:7.0f}")

if __name__ == "__main__":
    main()
