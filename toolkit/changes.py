"""What changed since a git revision: the files, and the lines in them.

``textkit analyze --changed-since REF`` analyzes only the files changed since
REF and the CI formats report only findings on the changed lines, so a pull
request is commented where it changed the text, not wherever an old file
happens to be hard to read. The metrics (and the gates on them) still cover
each whole document.

"Since REF" means since the point where the current branch left REF (their
merge base, as in ``git diff REF...``), up to the working tree, so that both
a CI checkout and uncommitted edits in a pre-commit hook are covered. A
shallow clone often cannot find the merge base (the history between is not
there); the diff is then taken against REF itself, which for the merge commit
GitHub checks out for a pull request is exactly the pull request's change.
Untracked files that git does not ignore count as added.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .errors import UsageError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
# git's C-style quoting of unusual file names ("a\tb.md", "caf\303\251.md").
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


@dataclass
class ChangedFile:
    """A file changed since the base: its path in the repository and the changed line ranges (new side)."""

    path: str
    ranges: list[tuple[int, int]] = field(default_factory=list)  # inclusive (first, last) line numbers
    whole: bool = False  # added and never committed: every line is new

    def touches(self, first: int, last: int | None = None) -> bool:
        """Whether lines ``first..last`` overlap a changed line (a binary search: ranges are sorted, disjoint)."""
        if self.whole:
            return True
        last = first if last is None or last < first else last
        i = bisect.bisect_right(self.ranges, (last, math.inf)) - 1  # the last range starting at or before `last`
        return i >= 0 and self.ranges[i][1] >= first


@dataclass
class Changes:
    """The files changed since ``ref`` (compared from ``base``), keyed by absolute real path."""

    ref: str
    base: str
    files: dict[str, ChangedFile]

    def get(self, path: str | os.PathLike[str]) -> ChangedFile | None:
        return self.files.get(os.path.realpath(path))

    def select(self, paths: Iterable[str]) -> list[str]:
        """The paths (as given) that are among the changed files."""
        return [p for p in paths if p != "-" and self.get(p) is not None]

    def restrict(self, report: Any) -> Any:
        """A copy of a report (a Report or its dict) keeping only the findings on changed lines.

        Metrics, warnings and gates are about the whole document and stay.
        A document that did not change keeps no findings.
        """
        import dataclasses

        if isinstance(report, Mapping):
            changed = self.get(report["document"]["source"])
            keep = lambda f: changed is not None and changed.touches(f["line"], _last_line(f))  # noqa: E731
            sections = [{**s, "findings": [f for f in s["findings"] if keep(f)]} for s in report["sections"]]
            return {**report, "sections": sections}
        changed = self.get(report.document.source)
        sections = [
            dataclasses.replace(s, findings=[f for f in s.findings if changed and changed.touches(*_span(f))])
            for s in report.sections
        ]
        return dataclasses.replace(report, sections=sections)


def _last_line(finding: Mapping[str, Any]) -> int:
    """The last line a finding covers: one ending just after a line break ends on the line before."""
    end_line, end_column = finding.get("end_line") or finding["line"], finding.get("end_column")
    return end_line - 1 if end_column == 1 and end_line > finding["line"] else end_line


def _span(finding: Any) -> tuple[int, int]:
    as_dict = finding.to_dict()
    return as_dict["line"], _last_line(as_dict)


def _git(args: Sequence[str], cwd: str | None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True,
            encoding="utf-8", errors="surrogateescape",
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and git is not installed (or not on PATH)") from None


def changed_since(ref: str, cwd: str | os.PathLike[str] | None = None) -> Changes:
    """The files added, modified or renamed since ``ref``, and their changed lines.

    Deleted files are left out (there is nothing to analyze). Raises
    :class:`UsageError` (exit 2) when ``cwd`` is not inside a git work tree or
    ``ref`` is not a revision git knows.
    """
    cwd = str(cwd) if cwd is not None else None
    inside = _git(["rev-parse", "--show-toplevel"], cwd)
    if inside.returncode != 0:
        where = os.path.abspath(cwd or os.getcwd())
        raise UsageError(f"--changed-since: {where} is not in a git work tree")
    top = os.path.realpath(inside.stdout.strip())
    if ref.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).returncode != 0:
        raise UsageError(
            f"--changed-since: unknown git revision {ref!r} (in a shallow clone, fetch it first: git fetch --depth=1 origin {ref})"
        )
    merge_base = _git(["merge-base", ref, "HEAD"], cwd)
    base = merge_base.stdout.strip() if merge_base.returncode == 0 else ref
    diff = _git(
        ["diff", "--no-color", "--no-ext-diff", "--unified=0", "--find-renames", "--diff-filter=AMR",
         "--src-prefix=a/", "--dst-prefix=b/", base, "--"],
        top,
    )  # fmt: skip
    if diff.returncode != 0:
        raise UsageError(f"--changed-since: git diff against {ref!r} failed: {diff.stderr.strip().splitlines()[-1:]}")
    files = {os.path.join(top, f.path): f for f in parse_diff(diff.stdout)}
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for path in filter(None, untracked.stdout.split("\0")):
        files[os.path.join(top, path)] = ChangedFile(path, whole=True)
    return Changes(ref, base, {os.path.realpath(k): v for k, v in files.items()})


def parse_diff(patch: str) -> list[ChangedFile]:
    """The files of a ``git diff --unified=0`` patch and the line ranges each gained (new side)."""
    files: list[ChangedFile] = []
    current: ChangedFile | None = None
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else ChangedFile(_unquote(name)[2:])
            if current is not None:
                files.append(current)
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match[1]), int(match[2] if match[2] is not None else 1)
                if count:  # a pure deletion adds no line
                    current.ranges.append((start, start + count - 1))
    return files


def _unquote(name: str) -> str:
    """A path as git prints it, C-quoted when it has unusual characters."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    out, i, body = bytearray(), 0, name[1:-1]
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(nxt, ord(nxt)))
            i += 2
            continue
        out += char.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "surrogateescape")


# The formats that annotate lines: with --changed-since they keep only the findings on changed lines.
LINE_FORMATS = ("github", "sarif", "junit", "markdown")


def on_changed_lines(fmt: Any, changes: Changes) -> Any:
    """``fmt`` (a :class:`textkit.Format`) rendering only the findings on lines in ``changes``."""
    import dataclasses

    def render(report, options=None):
        return fmt.render(changes.restrict(report), options)

    def render_corpus(corpus, options=None):
        return fmt.render_corpus(dataclasses.replace(corpus, reports=[changes.restrict(r) for r in corpus.reports]), options)

    # write_corpus would write every finding: the restricted reports go through render_corpus.
    return dataclasses.replace(fmt, render=render, render_corpus=render_corpus if fmt.render_corpus else None, write_corpus=None)
