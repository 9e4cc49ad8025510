"""An earlier textkit, importable side by side with this checkout (for "before / now" ratios)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The last commit before issue 9's work (faster corpus runs) began.
BEFORE_ISSUE_9 = "7f178bc"
# main before the readability, entities, report-size and --jobs work of issue 9's second round.
MAIN_BEFORE_PERF = "21e2e74"


def export_revision(revision: str, into: Path) -> Path:
    """toolkit/ and plugins/ of ``revision`` laid out as an importable ``textkit`` package in ``into``.

    Put ``into`` first on PYTHONPATH: it is found before the editable install
    (entry points still name ``textkit.plugins.*``, which then come from it too).
    """
    archive = subprocess.run(
        ["git", "archive", revision, "toolkit", "plugins"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "toolkit").rename(into / "textkit")
    (into / "plugins").rename(into / "textkit" / "plugins")
    return into


def ab_arguments(description: str, previous: str):
    """The options of an in-process "previous revision / now" comparison: parsed, with the news texts."""
    import argparse

    from bench_issue9 import news_texts
    from evaluation.common import find_gold_data

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--previous", default=previous, help="git revision to compare with")
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=None, help="the shared gold-data folder")
    args = parser.parse_args()
    return args, news_texts(args.data or find_gold_data(), args.documents)


def import_package(name: str, folder: Path):
    """The package in ``folder`` (an exported revision's plugins, say) imported as ``name``, beside
    the installed one (its relative imports follow it)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
