"""``textkit analyze FOLDER -f jsonl --jobs 2`` against ``--jobs 1``: throughput, and where the time goes.

    python benchmarks/bench_jobs.py [--data ../shared/data] [--documents 2000] [--rounds 5] [--against REV]

The corpus is the news texts of bench_issue9.py (OneStopEnglish articles, then
real newswire from the satire corpus; both in the shared data folder, not in
the repository), 2,000 of them by default (texts are reused if there are
fewer), one file each. Every run is a fresh ``textkit`` process reading its
modules' byte-code, as installed (an untimed first run writes it); ``--jobs 1``
and ``--jobs 2`` alternate in ``--rounds`` rounds (their order swapped every
other round) so that the machine's other load moves both alike; ``--against``
runs another git revision in the same rounds.

Printed for each round and as median and spread over the rounds:

- **end to end**: documents per second from starting the process to its end
  (start-up, plugin loading and the pool's set-up included), and the ratio;
- **steady state**: documents per second between the first and the last
  document finished (in the workers for ``--jobs 2``), and the ratio;
- **estimated from CPU times** for two otherwise idle cores (CPU time moves
  much less with other load than wall time): ``--jobs 1``'s CPU against the
  parent's CPU before it forks plus the rest shared by two cores (never less
  than the busiest worker's CPU); and the same with, in place of ``--jobs
  1``'s CPU, the ``--jobs 2`` run's serial part plus all its workers' CPU
  (what one process doing the same work would spend), which other load
  inflates alike on both sides of the ratio. Neither counts the time workers
  wait for the parent, nor the tail: compare with the wall-clock ratios.

Then, from the timestamps every process recorded (one clock for all), where
the time of the median ``--jobs 2`` run went: the serial start before the
first fork, the warm-up, how long until each worker started and finished its
first document, the steady state, the tail where one worker had finished and
the other had not, and the end after the last document; and CPU per document
of the ``--jobs 1`` process, of the workers (analysis, and what the pool adds
around it) and of the parent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _revision import export_revision  # noqa: E402

TARGET = 1.8

# Runs ``textkit analyze FOLDER -f jsonl -q -j N -o OUT`` in this process, recording when (and at what CPU
# time of the parent) each result reached the runner, and in each worker when every document started and
# ended (appended to LOG.<pid>, one line per document: it survives a worker that ends with os._exit).
PROBE = r"""
import json, os, resource, runpy, sys, time
folder, out, jobs, log = sys.argv[1:5]
clock = time.perf_counter  # CLOCK_MONOTONIC: one clock for every process of the machine
started = clock()

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

import textkit.parallel as parallel
import textkit.runner as runner

results, forks, loop = [], [], []
fork = os.fork
def forked():
    if not forks:
        forks.append((clock(), cpu()))
    return fork()
os.fork = forked

files = {}
analyze_one = parallel._analyze_one
def timed_one(*args, **kwargs):
    began, cpu_began = clock(), time.process_time()
    try:
        return analyze_one(*args, **kwargs)
    finally:
        ended, cpu_ended = clock(), time.process_time()
        if os.getpid() not in files:
            files[os.getpid()] = os.open(f"{log}.{os.getpid()}", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.write(files[os.getpid()], f"{began} {ended} {cpu_began} {cpu_ended}\n".encode())
timed_one.__module__, timed_one.__qualname__ = analyze_one.__module__, analyze_one.__qualname__  # picklable as it
parallel._analyze_one = timed_one

stream = runner.analyze_paths
def timed_stream(*args, **kwargs):
    loop.append((clock(), cpu()))
    for item in stream(*args, **kwargs):
        results.append((clock(), cpu()))
        yield item
runner.analyze_paths = timed_stream

sys.argv = ["textkit", "analyze", folder, "-f", "jsonl", "-q", "-j", jobs, "-o", out]
try:
    runpy.run_module("textkit", run_name="__main__")
except SystemExit:
    pass
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"started": started, "loop": loop[0], "fork": forks[0] if forks else None, "results": results,
                  "exit": (clock(), cpu()), "children_cpu": children.ru_utime + children.ru_stime,
                  "children_peak_mib": children.ru_maxrss / 1024}))
"""


def news_corpus(data: Path, folder: Path, n: int) -> list[str]:
    """``n`` news texts as files ``folder/00000.txt`` ... (the texts repeat if there are fewer)."""
    from bench_issue9 import news_texts

    texts = news_texts(data, n)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return [texts[i % len(texts)] for i in range(n)]


def probe(folder: Path, jobs: int, out: Path, pythonpath: Path | None = None) -> dict:
    """One fresh ``textkit analyze`` run with its timeline (see PROBE), timed from outside too."""
    # As installed: byte-code written once (by the untimed first run) and read after, not every module
    # compiled at every start (PYTHONDONTWRITEBYTECODE, as in some sandboxes, would add that to the serial part).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    with tempfile.TemporaryDirectory() as logs:
        log = Path(logs) / "worker"
        spawned = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(folder), str(out), str(jobs), str(log)],
            capture_output=True, text=True, env=env, cwd=ROOT.parent,
        )  # fmt: skip
        ended = time.perf_counter()
        if done.returncode != 0 or not done.stdout.strip():
            sys.exit(f"textkit analyze --jobs {jobs} failed ({done.returncode}): {done.stderr[-2000:]}")
        run = json.loads(done.stdout.strip().splitlines()[-1])
        run["workers"] = [
            [tuple(map(float, row.split())) for row in path.read_text().splitlines()]
            for path in sorted(Path(logs).glob("worker.*"))
        ]  # fmt: skip
    run["spawned"], run["ended"], run["jobs"] = spawned, ended, jobs
    return run


def figures(run: dict) -> dict:
    """The figures of one run: throughputs, the timeline (seconds from the process's start) and CPU."""
    zero, n = run["spawned"], len(run["results"])
    cpu_total = run["exit"][1]
    out = {"documents": n, "wall": run["ended"] - zero, "cpu": cpu_total, "peak_mib": run["children_peak_mib"]}
    if run["jobs"] == 1 or not run["workers"]:
        ends = [t for t, _ in run["results"]]
        out.update(
            cpu_per_document=(run["results"][-1][1] - run["results"][0][1]) / (n - 1),
            serial_cpu=run["loop"][1],
            cpu_estimate=cpu_total,
            cpu_alone=cpu_total,
        )  # fmt: skip
    else:
        workers = [w for w in run["workers"] if w]
        ends = sorted(row[1] for w in workers for row in w)
        analysis = sum(row[3] - row[2] for w in workers for row in w)
        worker_cpu = run["children_cpu"]
        busiest = max(w[-1][3] for w in workers)
        fork_time, fork_cpu = run["fork"]
        after_fork = cpu_total - fork_cpu
        last_ends = sorted(w[-1][1] for w in workers)
        first_result, last_result = run["results"][0], run["results"][-1]
        out.update(
            serial_cpu=fork_cpu,
            cpu_estimate=fork_cpu + max(busiest, (worker_cpu + after_fork) / 2),
            # One process doing the same work: the serial part, then every worker's documents one after another.
            cpu_alone=fork_cpu + worker_cpu,
            worker_cpu_per_document=analysis / n,
            worker_overhead_per_document=(worker_cpu - analysis) / n,
            parent_cpu_per_document=after_fork / n,
            parent_cpu_per_document_steady=(last_result[1] - first_result[1]) / (n - 1),
            timeline={
                "plugins loaded, run starts": run["loop"][0] - zero,
                "first worker forked (warm-up done)": fork_time - zero,
                "workers' first document started": [w[0][0] - zero for w in workers],
                "workers' first document finished": [w[0][1] - zero for w in workers],
                "first result in the parent": first_result[0] - zero,
                "a worker finished its last document": last_ends[0] - zero,
                "the last document finished": last_ends[-1] - zero,
                "last result in the parent": last_result[0] - zero,
                "process ended": run["ended"] - zero,
            },
            tail=last_ends[-1] - last_ends[0],
            documents_per_worker=[len(w) for w in workers],
            dispatch_gaps=sum(w[i + 1][0] - w[i][1] for w in workers for i in range(len(w) - 1)) / n,
        )  # fmt: skip
    if run["jobs"] == 1:
        out["timeline"] = {
            "plugins loaded, run starts": run["loop"][0] - zero,
            "first document finished": ends[0] - zero,
            "last document finished": ends[-1] - zero,
            "process ended": run["ended"] - zero,
        }
    out["end_to_end"] = n / out["wall"]
    out["steady"] = (len(ends) - 1) / (ends[-1] - ends[0])
    return out


def without_timings(path: Path) -> str:
    return re.sub(r'"elapsed_ms": ?[0-9.e+-]+', "", path.read_text(encoding="utf-8"))


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f}x, spread {min(values):.2f}-{max(values):.2f}x"


def line(label: str, value: str, target: str, met: bool | None) -> None:
    mark = "" if met is None else ("OK" if met else "MISSED")
    print(f"  {label:<58} {value:>14}   target {target:<12} {mark}")


def measure(folder: Path, tmp: Path, rounds: int, against: str | None = None) -> dict[str, list[tuple[dict, dict]]]:
    """``rounds`` interleaved pairs of (``--jobs 1``, ``--jobs 2``) figures for this checkout (and ``against``)."""
    revisions: dict[str, Path | None] = {"now": None}
    if against:
        revisions[against] = export_revision(against, tmp / "against")
    pairs: dict[str, list[tuple[dict, dict]]] = {name: [] for name in revisions}
    first = sorted(folder.iterdir())[:4]
    (tmp / "first").mkdir(exist_ok=True)
    for path in first:
        (tmp / "first" / path.name).write_bytes(path.read_bytes())
    for pythonpath in revisions.values():  # untimed: writes the byte-code
        probe(tmp / "first", 2, tmp / "first.jsonl", pythonpath)
    for round_ in range(rounds):
        shown = []
        for name, pythonpath in revisions.items():
            order = (1, 2) if round_ % 2 == 0 else (2, 1)
            runs = {jobs: probe(folder, jobs, tmp / f"out{jobs}.jsonl", pythonpath) for jobs in order}
            one, two = figures(runs[1]), figures(runs[2])
            if name == "now" and round_ == 0:
                two["same_output"] = without_timings(tmp / "out1.jsonl") == without_timings(tmp / "out2.jsonl")
            pairs[name].append((one, two))
            shown.append(
                f"{name}: end to end {one['end_to_end']:.1f} -> {two['end_to_end']:.1f} documents/s "
                f"({two['end_to_end'] / one['end_to_end']:.2f}x), steady {one['steady']:.1f} -> {two['steady']:.1f} "
                f"({two['steady'] / one['steady']:.2f}x), CPU-estimated {one['cpu_estimate'] / two['cpu_estimate']:.2f}x"
            )
        print(f"    round {round_ + 1}, load {os.getloadavg()[0]:.1f}: " + "; ".join(shown), flush=True)
    return pairs


def report(pairs: dict[str, list[tuple[dict, dict]]]) -> None:
    for name, runs in pairs.items():
        ratios = {
            "end to end": [two["end_to_end"] / one["end_to_end"] for one, two in runs],
            "steady state": [two["steady"] / one["steady"] for one, two in runs],
            "estimated from CPU for two idle cores": [one["cpu_estimate"] / two["cpu_estimate"] for one, two in runs],
            "the same from the --jobs 2 run alone": [two["cpu_alone"] / two["cpu_estimate"] for _, two in runs],
        }
        print(f"    {name}: " + "; ".join(f"{label} {spread(values)}" for label, values in ratios.items()))
    runs = pairs["now"]
    end_to_end = statistics.median(two["end_to_end"] / one["end_to_end"] for one, two in runs)
    steady = statistics.median(two["steady"] / one["steady"] for one, two in runs)
    estimate = statistics.median(one["cpu_estimate"] / two["cpu_estimate"] for one, two in runs)
    line("--jobs 2 / --jobs 1, end to end (median of rounds)", f"{end_to_end:.2f}x", f">= {TARGET}x", end_to_end >= TARGET)
    line("--jobs 2 / --jobs 1, steady state (median of rounds)", f"{steady:.2f}x", f">= {TARGET}x (info)", None)
    alone = statistics.median(two["cpu_alone"] / two["cpu_estimate"] for _, two in runs)
    line("--jobs 2 / --jobs 1, from CPU times, two idle cores", f"{estimate:.2f}x", f">= {TARGET}x (info)", None)
    line("  the same, from the --jobs 2 run's CPU times alone", f"{alone:.2f}x", f">= {TARGET}x (info)", None)
    peak = max(two["peak_mib"] for _, two in runs)
    line("peak resident memory of a worker", f"{peak:.0f} MiB", "< 150 MiB", peak < 150)
    same = runs[0][1].get("same_output")
    line("--jobs 2 output == --jobs 1 output (timings aside)", str(same), "True", same)

    one, two = sorted(runs, key=lambda pair: pair[1]["wall"])[len(runs) // 2]  # the median --jobs 2 run
    n = two["documents"]
    print(f"\n    Where the time went (the median --jobs 2 run and its round's --jobs 1; seconds from the process's start)")
    print(f"      --jobs 1: " + ", ".join(f"{k} {v:.2f}" for k, v in one["timeline"].items()))
    print(f"      --jobs 2: " + ", ".join(
        f"{k} {'/'.join(f'{x:.2f}' for x in v) if isinstance(v, list) else f'{v:.2f}'}" for k, v in two["timeline"].items()
    ))  # fmt: skip
    print(f"      tail (one worker done, the other not) {two['tail'] * 1000:.0f} ms; documents per worker "
          f"{'/'.join(map(str, two['documents_per_worker']))}; a worker's wait between documents "
          f"{two['dispatch_gaps'] * 1000:.3f} ms per document on average")
    print(f"      CPU per document: --jobs 1 {one['cpu_per_document'] * 1000:.2f} ms (steady state); in the workers "
          f"{two['worker_cpu_per_document'] * 1000:.2f} ms analysing + {two['worker_overhead_per_document'] * 1000:.2f} ms "
          f"around it (pipe, pickling, stop); parent {two['parent_cpu_per_document'] * 1000:.3f} ms after the fork "
          f"({two['parent_cpu_per_document_steady'] * 1000:.3f} ms in steady state)")
    serial, total = two["serial_cpu"], one["cpu"]
    print(f"      CPU before anything runs beside it: --jobs 2 {serial:.2f} s before its first fork (start-up, plugins, "
          f"warm-up), --jobs 1 {one['serial_cpu']:.2f} s before its first document, of {total:.2f} s in all: "
          f"with that serial part two workers reach at best {total / (serial + (total - serial) / 2):.2f}x on these {n} documents")


def main() -> None:
    from evaluation.common import find_gold_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=find_gold_data())
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", help="a git revision measured in the same rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        texts = news_corpus(args.data, tmp / "corpus", args.documents)
        words = [len(t.split()) for t in texts]
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
              f"{len(texts)} news texts, {statistics.fmean(words):.0f} words on average (median {statistics.median(words):.0f})")
        report(measure(tmp / "corpus", tmp, args.rounds, args.against))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
