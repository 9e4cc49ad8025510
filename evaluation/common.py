"""What every evaluation script shares: arguments, skipping, the results table."""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

DATA_ENV = "TEXTKIT_GOLD_DATA"


def find_gold_data() -> Path:
    """The shared gold-data folder: ``$TEXTKIT_GOLD_DATA``, else ``shared/data`` beside the checkout.

    "Beside" is looked for in every folder above the checkout, nearest first,
    so that a clone made in a subfolder of the team's work folder finds
    the same data as the main checkout. The data is never in the
    repository; when none is found the path beside the checkout is returned
    and the callers skip.
    """
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    checkout = Path(__file__).resolve().parent.parent
    for folder in checkout.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return checkout.parent / "shared" / "data"


DEFAULT_DATA = find_gold_data()


@dataclass
class Row:
    """One line of the results table: a metric, textkit's value and the figure to beat."""

    metric: str
    textkit: float | str
    reference: float | str | None = None
    data: str = ""
    target: str = ""  # e.g. ">= 0.80"; empty when the figure is reported only
    met: bool | None = None  # None when there is no target

    def cells(self) -> list[str]:
        mark = "" if self.met is None else (" ✓" if self.met else " ✗")
        return [self.metric, f"{fmt(self.textkit)}{mark}", fmt(self.reference), self.target, self.data]


@dataclass
class Evaluation:
    """The outcome of one script: its rows and the paragraph docs/quality.md prints under them."""

    name: str
    rows: list[Row] = field(default_factory=list)
    notes: str = ""
    seconds: float = 0.0
    skipped: str | None = None

    def add(self, metric, value, reference=None, data="", target="") -> Row:
        row = Row(metric, value, reference, data, target, check(value, target) if target else None)
        self.rows.append(row)
        return row


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "n/a" if math.isnan(value) else f"{value:.3f}"
    return str(value)


def check(value, target: str) -> bool:
    """Does ``value`` meet a target written like ">= 0.80" or "<= 0.2"?"""
    op, _, number = target.partition(" ")
    bound = float(number.rstrip("%")) / (100 if number.endswith("%") else 1)
    return {">=": value >= bound, "<=": value <= bound, ">": value > bound, "<": value < bound}[op]


def table(rows: Sequence[Row]) -> str:
    """A Markdown table (also readable in a terminal)."""
    header = ["metric", "textkit", "reference", "target", "data"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve: the chance a random positive outscores a random negative (ties half)."""
    ranked = sorted(zip(scores, labels))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + j + 1) / 2  # 1-based ranks i+1..j
        rank_sum += average_rank * sum(label for _, label in ranked[i:j])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def f1(predicted: Iterable[int], labels: Iterable[int]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class."""
    tp = fp = fn = 0
    for p, y in zip(predicted, labels):
        tp += p and y
        fp += p and not y
        fn += (not p) and y
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main(name: str, evaluate: Callable[[Path], Evaluation], description: str = "", needs_data: bool = True) -> None:
    """Command-line entry of one evaluation script: parse --data, run, print the table."""
    parser = argparse.ArgumentParser(prog=f"python -m evaluation.{name}", description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared gold-data folder")
    args = parser.parse_args()
    result = run(evaluate, args.data, name, needs_data)
    if result.skipped:
        print(f"{name}: skipped: {result.skipped}")
        return
    print(table(result.rows))
    print(f"\n{name}: {result.seconds:.1f} s")
    if result.notes:
        print("\n" + result.notes)
    sys.exit(0)


def run(evaluate: Callable[[Path], Evaluation], data: Path, name: str, needs_data: bool = True) -> Evaluation:
    if needs_data and not data.is_dir():
        return Evaluation(name, skipped=f"no data folder at {data} (pass --data)")
    started = time.perf_counter()
    try:
        result = evaluate(data)
    except FileNotFoundError as exc:
        return Evaluation(name, skipped=f"data missing: {exc.filename or exc}")
    result.seconds = time.perf_counter() - started
    return result
