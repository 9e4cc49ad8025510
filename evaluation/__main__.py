"""Run every evaluation and (with --write) regenerate docs/quality.md.

    python -m evaluation --data ../shared/data --write docs/quality.md
"""

from __future__ import annotations

import argparse
import importlib
import platform
from datetime import date
from pathlib import Path

from .common import DEFAULT_DATA, run, table

SCRIPTS = ["sentences", "readability", "sentiment", "irony", "irony_tweets", "entities"]

INTRO = """# Analysis quality

Every analyzer is measured against gold data made by people, next to a
published figure. This file is written by `python -m evaluation --data
../shared/data --write docs/quality.md`; the numbers below are from that run,
not typed in. ✓ / ✗ mark whether a target is met. The data itself is not in
the repository (see the data folder's README for sources and licences).
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=Path, help="write the Markdown results here (e.g. docs/quality.md)")
    parser.add_argument("--only", nargs="+", choices=SCRIPTS, default=SCRIPTS)
    args = parser.parse_args()
    parts = [INTRO, f"Last run: {date.today().isoformat()}, Python {platform.python_version()}.\n"]
    for name in args.only:
        module = importlib.import_module(f"evaluation.{name}")
        result = run(module.evaluate, args.data, name, getattr(module, "NEEDS_DATA", True))
        title = getattr(module, "TITLE", name.capitalize())
        if result.skipped:
            print(f"{name}: skipped: {result.skipped}")
            parts.append(f"## {title}\n\nSkipped: {result.skipped}\n")
            continue
        print(f"## {title}\n\n{table(result.rows)}\n({result.seconds:.1f} s)\n")
        parts.append(f"## {title}\n\n{table(result.rows)}\n\n{result.notes.strip()}\n")
    if args.write:
        args.write.write_text("\n".join(parts), encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
