"""How quickly the plugin listings answer (issue 12: `textkit plugins` well under half a second).

    python benchmarks/bench_plugins.py [--runs 7]

`textkit plugins` reads entry-point metadata only; `--check` imports every
plugin, as `textkit formats` and `textkit analyze` must. Side by side in one
run, so the ratios hold on a loaded machine even when the seconds do not.
"""

from __future__ import annotations

import argparse
import os
import sys

from bench_cli import ROOT, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each")
    measure("textkit --version (start-up floor)", ["--version"], args.runs)
    measure("textkit plugins", ["plugins"], args.runs)
    measure("textkit plugins --check", ["plugins", "--check"], args.runs)
    measure("textkit formats", ["formats"], args.runs)


if __name__ == "__main__":
    main()
