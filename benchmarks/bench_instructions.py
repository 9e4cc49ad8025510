"""Instructions per news document (valgrind), this checkout against another revision and the naive script.

    python benchmarks/bench_instructions.py [--against 5cf6fb1] [--documents 100] [--data ../shared/data]

CPU times on a shared, loaded machine swing by ±15 % from one process to the next; the number of
instructions a run executes does not depend on the load. Each figure is the difference of two
runs under ``valgrind --tool=cachegrind --cache-sim=no`` (start-up, plugin loading and warm-up
cancel out): segmentation = warm-up + N documents segmented, minus warm-up alone; the four
analyzers = warm-up + N documents segmented and analysed, minus the segmentation run. The naive
textstat + VADER script (bench_issue9's recipe) likewise. Instructions are not time (textkit's
Python walks more memory per instruction than the naive script), so compare revisions with
these and the naive script with bench_issue9.py. Needs valgrind; takes ~10 minutes at N=100.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

TEXTKIT_PROBE = """
import json, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
n, analyse = int(sys.argv[2]), sys.argv[3] == "analyse"
from textkit import Config, Document
from textkit.analysis import analyze_document, default_plugins, run_analyzer
selected, config = default_plugins().select(), Config()
for text in texts[:5]:
    analyze_document(Document(text))
for text in texts[5 : 5 + n]:
    document = Document(text)
    document.segmentation
    if analyse:
        for analyzer, record in selected:
            run_analyzer(analyzer, record, document, config)
"""

NAIVE_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[3])
import bench_issue9
texts = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[2])
bench_issue9.naive_script_cpu(texts[: 5 + n] if n else texts[:5])
"""


def instructions(probe: str, args: list[str], pythonpath: Path | None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", probe, *args],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="5cf6fb1", help="the git revision to compare with")
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    import bench_issue9
    from _revision import export_revision
    from evaluation.common import find_gold_data

    n = args.documents
    tmp = Path(tempfile.mkdtemp())
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(bench_issue9.news_texts(args.data or find_gold_data(), n + 5)), encoding="utf-8")
    revisions = {args.against: export_revision(args.against, tmp / "against"), "this checkout": None}
    runs = {}
    with ThreadPoolExecutor(max_workers=2) as pool:  # two valgrind runs at a time (2 cores)
        for label, pythonpath in revisions.items():
            for key, count, mode in (("warm", 0, "segment"), ("segmented", n, "segment"), ("analysed", n, "analyse")):
                runs[label, key] = pool.submit(instructions, TEXTKIT_PROBE, [str(texts_file), str(count), mode], pythonpath)
        for key, count in (("warm", 0), ("done", n)):
            runs["naive", key] = pool.submit(
                instructions, NAIVE_PROBE, [str(texts_file), str(count), str(ROOT / "benchmarks")], None
            )
    got = {key: future.result() / 1e6 for key, future in runs.items()}
    print(f"{n} news texts; million instructions per document")
    rows = {}
    for label in revisions:
        segmentation = (got[label, "segmented"] - got[label, "warm"]) / n
        analyzers = (got[label, "analysed"] - got[label, "segmented"]) / n
        rows[label] = (segmentation, analyzers, segmentation + analyzers)
        print(f"  {label:<14} segmentation {segmentation:6.2f}  four analyzers {analyzers:6.2f}  total {segmentation + analyzers:6.2f}")
    naive = (got["naive", "done"] - got["naive", "warm"]) / n
    print(f"  {'naive script':<14} {naive:6.2f}")
    before, now = rows[args.against], rows["this checkout"]
    print(f"  this checkout / {args.against}: segmentation {now[0] / before[0]:.3f}x, analyzers {now[1] / before[1]:.3f}x, "
          f"total {now[2] / before[2]:.3f}x; total / naive script {now[2] / naive:.2f}x (instructions, not time)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
