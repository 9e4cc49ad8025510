"""Start-up: `textkit --help` against a minimal two-command typer application's --help.

    python benchmarks/bench_startup.py [--runs 15]

Both run as fresh processes, interleaved (so a busy machine slows both
alike); each figure is the median wall time. Target: textkit within 1.1x of
the minimal application. Also times `textkit plugins`, `textkit formats`
(target under 0.5 s) and analyzing a one-sentence file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _revision import BEFORE_ISSUE_9, export_revision  # noqa: E402

MINIMAL_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    typer.echo(f"bye {name}")


app()
'''


def _time(command: list[str], env: dict[str, str] | None) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT, env=env)
    return time.perf_counter() - started


def interleaved(commands: dict[str, list[str] | tuple[list[str], dict]], runs: int) -> dict[str, float]:
    """Median wall time of each command (optionally with its environment), run in turn ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            command, env = command if isinstance(command, tuple) else (command, None)
            times[name].append(_time(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--previous", default=BEFORE_ISSUE_9, help="git revision for the one-sentence comparison")
    args = parser.parse_args()
    textkit = [sys.executable, "-m", "textkit"]
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "minimal_app.py"
        app.write_text(MINIMAL_APP, encoding="utf-8")
        one = Path(tmp) / "one.txt"
        one.write_text("The cat sat on the mat.\n", encoding="utf-8")
        previous = export_revision(args.previous, Path(tmp) / "previous")
        previous_env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "PYTHONPATH": str(previous)}
        medians = interleaved(
            {
                "minimal typer app --help": [sys.executable, str(app), "--help"],
                "textkit --help": [*textkit, "--help"],
                "textkit plugins": [*textkit, "plugins"],
                "textkit formats": [*textkit, "formats"],
                "textkit analyze one-sentence file": [*textkit, "analyze", str(one)],
                f"same at {args.previous}": ([*textkit, "analyze", str(one)], previous_env),
            },
            args.runs,
        )
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, median of {args.runs}")
    for name, seconds in medians.items():
        print(f"  {name:<36} {seconds:6.3f} s")
    ratio = medians["textkit --help"] / medians["minimal typer app --help"]
    print(f"textkit --help / minimal typer app --help: {ratio:.2f}x (target <= 1.10x) {'OK' if ratio <= 1.10 else 'MISSED'}")
    ratio = medians["textkit analyze one-sentence file"] / medians[f"same at {args.previous}"]
    print(f"one-sentence file, now / {args.previous}: {ratio:.2f}x (target <= 1.0x, not slower) {'OK' if ratio <= 1.0 else 'MISSED'}")
    for name in ("textkit plugins", "textkit formats"):
        print(f"{name}: {medians[name]:.3f} s (target < 0.5 s) {'OK' if medians[name] < 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
