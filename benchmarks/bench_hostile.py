"""Time and memory of every analyzer on hostile input, against the linear bound.

    nice -n 10 python benchmarks/bench_hostile.py [--sizes 10k 100k 1m limit] [--shapes prose yes ...]
                                                  [--analyzers readability irony ...] [--markup]

For each hostile shape (ordinary prose, one giant line, one giant word, a
million one-word sentences, runs of punctuation and quotes, "(a" nesting,
"no no no" echoes, all caps, mixed scripts, one-word lines and paragraphs,
a possible sentence end every few characters) at each size, every analyzer runs
alone in a fresh process on a document already segmented (its own cost),
then "core" (building and segmenting the document only) and "total" (core
and every analyzer). Each run prints CPU seconds and peak extra
memory (MiB above the process after start-up) and both per MB of input,
against the bound of 2 s CPU and 200 MiB per MB. A run that passes the bound
by far is stopped (CPU and address-space rlimits) and shown as "over"; a
shape that failed at a smaller size is not tried at larger ones for that
analyzer. ``--markup`` adds the Markdown and HTML loaders on markup shapes.
Figures measured on a loaded machine are noisy; ratios within one run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys

CPU_PER_MB = 2.0
MIB_PER_MB = 200.0
MB = 1_000_000

PROSE = (
    "The committee met on Tuesday in Geneva and approved the plan after a long debate. "
    "Maria Lopez, who chairs it, said the decision was “a great relief” — but not everyone agreed! "
    "Critics from the Green Party argued that the cost, about $4.2 million, was far too high; others wondered "
    "whether the timeline (two years, at best) was realistic. Oh, wonderful, another delay, one of them wrote. "
    "Still, the vote passed 7 to 2, and work begins in March.\n\n"
)

SHAPES = {
    "prose": PROSE,
    "giant_line": PROSE.replace("\n", " "),
    "giant_word": "a",
    "yes": "Yes. ",
    "paren_a": "(a",
    "no_no": "no ",
    "quote_hash": "“#",
    "interrobang": "?!",
    "dots": "...",
    "quotes": "\"'“”‘’«» ",
    "all_caps": PROSE.upper(),
    "mixed_scripts": "Hello мир 世界 مرحبا שלום नमस्ते こんにちは 😀 ",
    "one_char_lines": "a\n",
    "one_word_paras": "a\n\n",
    # Possible sentence ends at every few characters: what makes pysbd slow.
    "initialisms": "U.S. ",
    "titles": "Mr. A. ",
    "dialogue": "“Hi!” he said. ",
    "bang_bracket": "![a",
    "closers": "?)",
}
MARKUP_SHAPES = {  # (loader, unit)
    "md_star": ("markdown", "*a"),
    "md_image": ("markdown", "![a"),
    "md_backtick": ("markdown", "`a"),
    "html_lt": ("html", "<a"),
    "html_comment": ("html", "<!--a"),
}

CHILD = r"""
import json, os, resource, sys, time
spec = json.loads(sys.argv[1])
import textkit
from textkit.analysis import default_plugins, run_analyzer
from textkit.config import Config
from textkit.document import Document
from textkit.loading import DEFAULT_MAX_BYTES
plugins = default_plugins()
selected = {a.id: (a, r) for a, r in plugins.select()}
unit = spec["unit"]
size = DEFAULT_MAX_BYTES if spec["size"] == "limit" else spec["size"]
raw = (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")
# Warm up the analyzers this run measures: lexicons and models load outside the measurement.
warm = Document("Warm up. The committee met in Geneva.")
for name in (list(selected) if spec["analyzer"] == "total" else [spec["analyzer"]] if spec["analyzer"] in selected else []):
    run_analyzer(*selected[name], warm, Config(), None)
def status_mib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets the peak (VmHWM), so earlier peaks are not counted

def make_document():
    if spec["loader"]:
        from textkit.loaders import html, markdown
        extracted = {"markdown": markdown.extract, "html": html.extract}[spec["loader"]](raw)
        document = Document(extracted.text or "x", extracted=extracted)
    else:
        document = Document(raw)
    document.segmentation
    return document

alone = spec["analyzer"] not in ("core", "total")
if alone:  # the analyzer's own cost: the document is read and segmented before measuring
    doc = make_document()
reset_peak()
before = status_mib("VmRSS")
cpu = time.process_time()
if not alone:
    doc = make_document()
status = "ok"
if spec["analyzer"] != "core":
    names = list(selected) if spec["analyzer"] == "total" else [spec["analyzer"]]
    for name in names:
        a, r = selected[name]
        section = run_analyzer(a, r, doc, Config(), None)
        if section.status == "error":
            status = f"error {section.error['type']}"
cpu = time.process_time() - cpu
peak = status_mib("VmHWM")
print(json.dumps({"cpu": cpu, "mib": max(0.0, peak - before), "status": status, "bytes": len(raw.encode())}))
"""


def _size(text: str) -> int | str:
    if text == "limit":
        return "limit"
    factor = {"k": 1_000, "m": MB}.get(text[-1].lower(), 1)
    return int(float(text[:-1] if text[-1].isalpha() else text) * factor)


def _limit_bytes() -> int:
    from textkit.loading import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES


def measure(unit: str, size: int | str, analyzer: str, loader: str | None, budget: int) -> dict:
    """One run in a fresh process; ``budget`` is how many times the bound this run may use."""
    nbytes = _limit_bytes() if size == "limit" else size
    mb = max(nbytes / MB, 0.01)
    # Room for start-up, the warm-up and (for a lone analyzer) segmenting first, then 3x the bound.
    cpu_cap = int(3 * CPU_PER_MB * mb * (budget + 1)) + 20
    mem_cap = int((1024 + 3 * MIB_PER_MB * mb * (budget + 1)) * 1024 * 1024)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_cap, cpu_cap))
        resource.setrlimit(resource.RLIMIT_AS, (mem_cap, mem_cap))

    spec = json.dumps({"unit": unit, "size": size, "analyzer": analyzer, "loader": loader})
    done = subprocess.run([sys.executable, "-c", CHILD, spec], capture_output=True, text=True, preexec_fn=limits)
    if done.returncode != 0:
        reason = "cpu cap" if done.returncode in (-24, -9) else "memory cap" if "MemoryError" in done.stderr else f"exit {done.returncode}"
        return {"cpu": None, "mib": None, "status": f"over ({reason})", "bytes": nbytes}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m", "limit"])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES))
    parser.add_argument("--analyzers", nargs="+", default=None, help="default: every analyzer, then core and total")
    parser.add_argument("--markup", action="store_true", help="also the Markdown and HTML loaders on markup shapes")
    args = parser.parse_args()

    import textkit.analysis

    analyzers = args.analyzers or [a.id for a, _ in textkit.analysis.default_plugins().select()] + ["core", "total"]
    if "total" in analyzers and len(analyzers) == 1:
        analyzers = [a.id for a, _ in textkit.analysis.default_plugins().select()] + ["core", "total"]
    cases = [(shape, SHAPES[shape], None) for shape in args.shapes]
    if args.markup:
        cases += [(name, unit, loader) for name, (loader, unit) in MARKUP_SHAPES.items()]
        analyzers_for = {name: ["core"] for name in MARKUP_SHAPES}
    else:
        analyzers_for = {}
    print(f"bound: {CPU_PER_MB:g} s CPU and {MIB_PER_MB:g} MiB per MB of input; default input limit {_limit_bytes():,} bytes")
    print(f"{'shape':<15}{'analyzer':<13}{'size':>10}{'cpu s':>9}{'MiB':>9}{'s/MB':>8}{'MiB/MB':>8}  verdict")
    failures = []
    for shape, unit, loader in cases:
        for analyzer in analyzers_for.get(shape, analyzers):
            for size_text in args.sizes:
                size = _size(size_text)
                # "total" is core plus every analyzer: its bound is that many times the bound.
                budget = len(analyzers) - 1 if analyzer == "total" else 1
                row = measure(unit, size, analyzer, loader, budget)
                mb = max(row["bytes"] / MB, 0.01)
                if row["cpu"] is None:
                    verdict = row["status"]
                    cells = f"{'-':>9}{'-':>9}{'-':>8}{'-':>8}"
                else:
                    per_cpu, per_mib = row["cpu"] / mb, row["mib"] / mb
                    over = [
                        w for w, bad in (("cpu", per_cpu > budget * CPU_PER_MB), ("memory", per_mib > budget * MIB_PER_MB))
                        if bad
                    ]
                    # At 10 KB fixed costs dominate the ratio; judge from 100 KB up.
                    verdict = row["status"] + (f", OVER ({', '.join(over)})" if over and row["bytes"] >= 100_000 else "")
                    cells = f"{row['cpu']:>9.2f}{row['mib']:>9.1f}{per_cpu:>8.2f}{per_mib:>8.1f}"
                print(f"{shape:<15}{analyzer:<13}{row['bytes']:>10,}{cells}  {verdict}", flush=True)
                if "over" in verdict.lower():
                    failures.append((shape, analyzer, row["bytes"]))
                    break  # larger sizes of this shape would only be worse
    print(f"\n{len(failures)} shape/analyzer pairs break the bound:")
    for shape, analyzer, nbytes in failures:
        print(f"  {analyzer:<13} {shape:<15} from {nbytes:,} bytes")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
