"""Start-up: `textkit --help` against a minimal two-command typer application's --help.

    python benchmarks/bench_startup.py [--runs 15]

Both run as fresh processes, interleaved (so a busy machine slows both
alike); each figure is the median wall time, and the median CPU time (user +
system) of the process, which other load changes less. Target: textkit
within 1.1x of the minimal application. Also times `textkit plugins`,
`textkit formats` (target under 0.5 s) and analyzing a one-sentence file.

Python modules run from byte-code compiled once (``__pycache__``), as they
do when installed: an untimed first round writes it, even where
PYTHONDONTWRITEBYTECODE is set (as in some sandboxes and containers). There,
an editable checkout without ``__pycache__`` compiles textkit's own modules
from source on every run (typer's and rich's came compiled with their
wheels): about 10 ms of CPU more per start (5 % of a --help), a cost no
installed textkit has.
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


def _time(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def interleaved(commands: dict[str, list[str] | tuple[list[str], dict]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each command (optionally with its environment), run in turn ``runs``
    times after an untimed round that writes the byte-code."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, command in commands.items():
            command, env = command if isinstance(command, tuple) else (command, dict(os.environ))
            figures = _time(command, {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})
            if round_:
                times[name].append(figures)
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values)) for name, values in times.items()}


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
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, median of {args.runs}, "
          "modules from byte-code, as installed")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<36} {wall:6.3f} s   (CPU {cpu:6.3f} s)")
    help_wall, help_cpu = (medians["textkit --help"][i] / medians["minimal typer app --help"][i] for i in (0, 1))
    print(f"textkit --help / minimal typer app --help: {help_wall:.2f}x (CPU {help_cpu:.2f}x) (target <= 1.10x) "
          f"{'OK' if help_wall <= 1.10 else 'MISSED'}")
    one, before = medians["textkit analyze one-sentence file"], medians[f"same at {args.previous}"]
    print(f"one-sentence file, now / {args.previous}: {one[0] / before[0]:.2f}x (CPU {one[1] / before[1]:.2f}x) "
          f"(target <= 1.0x, not slower) {'OK' if one[0] <= before[0] else 'MISSED'}")
    for name in ("textkit plugins", "textkit formats"):
        wall = medians[name][0]
        print(f"{name}: {wall:.3f} s (target < 0.5 s) {'OK' if wall < 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
