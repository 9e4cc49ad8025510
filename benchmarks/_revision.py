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
