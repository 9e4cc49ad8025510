"""--changed-since: only the files and lines changed since a git revision, in real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from textkit.changes import ChangedFile, changed_since, parse_diff
from textkit.errors import UsageError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Each line with "irony" gets one 'explicit' irony marker at that line.
A_BEFORE = "The irony is plain.\n\nAnother irony here.\n\nA third irony there.\n"
A_AFTER = A_BEFORE.replace("Another irony here.", "A changed irony here.")  # line 3 changes
OLD = "One line of irony.\n\nTwo lines of text that stay.\n\nThree lines that stay too.\n\nThe end irony.\n"
NEW = OLD.replace("The end irony.", "The new end irony.")  # renamed, and line 7 changes


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def make_repo(repo: Path) -> Path:
    """main: docs/a.txt, b.txt, old.txt, gone.txt. feature: a line of a.txt changed, old.txt renamed to
    new.txt with a line changed, gone.txt deleted; then docs/draft.txt left untracked."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    docs = repo / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(A_BEFORE)
    (docs / "b.txt").write_text("Plain words, and irony that nobody touches.\n")
    (docs / "old.txt").write_text(OLD)
    (docs / "gone.txt").write_text("Gone soon, irony and all.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "switch", "-qc", "feature")
    (docs / "a.txt").write_text(A_AFTER)
    git(repo, "mv", "docs/old.txt", "docs/new.txt")
    (docs / "new.txt").write_text(NEW)
    git(repo, "rm", "-q", "docs/gone.txt")
    git(repo, "commit", "-qam", "change")
    (docs / "draft.txt").write_text("Draft irony.\n")
    return repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("changed") / "repo")


def annotations(stdout: str) -> list[tuple[str, str]]:
    """(level, file:line) of each workflow command."""
    found = []
    for line in stdout.splitlines():
        if line.startswith("::"):
            level, props = line[2:].split("::")[0].split(" ", 1)
            fields = dict(p.split("=", 1) for p in props.split(","))
            found.append((level, f"{fields['file']}:{fields.get('line', '-')}"))
    return found


def test_changed_files_and_lines(repo):
    changes = changed_since("main", cwd=repo)
    by_name = {Path(p).name: f for p, f in changes.files.items()}
    assert sorted(by_name) == ["a.txt", "draft.txt", "new.txt"]  # b unchanged, gone deleted
    assert by_name["a.txt"].ranges == [(3, 3)]
    assert by_name["new.txt"].path == "docs/new.txt" and by_name["new.txt"].ranges == [(7, 7)]
    assert by_name["draft.txt"].whole
    assert changes.base == git(repo, "rev-parse", "main").strip()  # the merge base


def test_github_annotates_only_changed_lines_but_gates_see_whole_documents(repo, cli):
    done = cli("analyze", "docs", "--changed-since", "main", "-f", "github", "--only", "irony",
               "--fail-if", "irony.markers > 2", cwd=repo)  # fmt: skip
    assert done.returncode == 1, done.stderr  # a.txt has 3 markers in all, one on a changed line
    notices = [a for a in annotations(done.stdout) if a[0] == "notice"]
    assert notices == [("notice", "docs/a.txt:3"), ("notice", "docs/draft.txt:1"), ("notice", "docs/new.txt:7")]
    assert ("error", "docs/a.txt:-") in annotations(done.stdout)
    assert "docs/b.txt" not in done.stdout


def test_without_changed_since_every_line_is_annotated(repo, cli):
    done = cli("analyze", "docs", "-f", "github", "--only", "irony", cwd=repo)
    lines = [a[1] for a in annotations(done.stdout) if a[0] == "notice"]
    assert {"docs/a.txt:1", "docs/a.txt:3", "docs/a.txt:5", "docs/b.txt:1", "docs/new.txt:1"} <= set(lines)


def test_sarif_and_markdown_keep_only_changed_lines_json_keeps_all(repo, cli):
    sarif = cli("analyze", "docs", "--changed-since", "main", "-f", "sarif", "--only", "irony", cwd=repo)
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    where = sorted(
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    )
    assert where == [("docs/a.txt", 3), ("docs/draft.txt", 1), ("docs/new.txt", 7)]
    full = json.loads(cli("analyze", "docs/a.txt", "--changed-since", "main", "-f", "json", "--only", "irony", cwd=repo).stdout)
    explicit = [f["line"] for f in full["sections"][0]["findings"] if f["kind"] == "explicit"]
    assert explicit == [1, 3, 5]  # json is the whole report


def test_markdown_lists_only_findings_on_changed_lines(repo):
    from textkit import Document
    from textkit.changes import on_changed_lines
    from textkit.formats import markdown
    from textkit.model import OK, Format, PluginInfo, Section
    from textkit.report import Report

    document = Document(A_AFTER, source=str(repo / "docs" / "a.txt"))
    starts = [A_AFTER.index(line) for line in A_AFTER.splitlines() if line]
    findings = [document.finding("mark", start, start + 3, f"at {start}") for start in starts]  # lines 1, 3, 5
    report = Report(document, [Section("echo", "Echo", PluginInfo("echo", "1"), OK, findings=findings)], "1")
    fmt = on_changed_lines(Format("markdown", markdown.render, "md", "", markdown.render_corpus), changed_since("main", cwd=repo))
    rows = [line.split(" | ")[0] for line in fmt.render(report).splitlines() if "| mark |" in line]
    assert rows == ["| 3:1"]
    assert len(report.sections[0].findings) == 3  # the report itself is left as it was


def test_junit_gates_whole_document_against_baseline(repo, cli, tmp_path):
    # The baseline: the same folder at main, analysed from a worktree so paths match.
    base = tmp_path / "base"
    git(repo, "worktree", "add", "-q", "--detach", str(base), "main")
    try:
        baseline = tmp_path / "base.jsonl"
        cli("analyze", "docs", "-f", "jsonl", "-o", baseline, "--only", "irony", cwd=base)
    finally:
        git(repo, "worktree", "remove", "--force", str(base))
    done = cli("analyze", "docs", "--changed-since", "main", "-f", "junit", "--only", "irony", "--baseline", baseline,
               "--fail-if", "irony.markers changes by > 0", cwd=repo)  # fmt: skip
    # a.txt: 3 markers before and after (one line reworded); new.txt is new to the baseline: no change measured
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'tests="3"' in done.stdout and 'failures="0"' in done.stdout
    assert 'classname="docs/b.txt"' not in done.stdout


def test_nothing_changed_among_the_paths(repo, cli):
    done = cli("analyze", "docs/b.txt", "--changed-since", "main", "-f", "github", cwd=repo)
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr == "textkit: no files changed since main among the given paths\n"


def test_errors_are_one_line_exit_2(repo, cli, tmp_path):
    unknown = cli("analyze", "docs", "--changed-since", "no-such-branch", cwd=repo)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("textkit: error: --changed-since: unknown git revision 'no-such-branch'")
    assert unknown.stderr.count("\n") == 1
    (tmp_path / "a.txt").write_text("The irony is plain.\n")
    outside = cli("analyze", "a.txt", "--changed-since", "main", cwd=tmp_path)
    assert outside.returncode == 2 and outside.stderr == f"textkit: error: --changed-since: {tmp_path} is not in a git work tree\n"
    with pytest.raises(UsageError, match="unknown git revision '--output=x'"):
        changed_since("--output=x", cwd=repo)  # never passed to git as an option


def test_shallow_clone_with_the_base_fetched(repo, tmp_path, cli):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", f"file://{repo}", str(clone))
    missing = cli("analyze", "docs", "--changed-since", "origin/main", cwd=clone)
    assert missing.returncode == 2 and "git fetch --depth=1 origin origin/main" in missing.stderr
    git(clone, "fetch", "-q", "--depth=1", "origin", "main:refs/remotes/origin/main")
    done = cli("analyze", "docs", "--changed-since", "origin/main", "-f", "github", "--only", "irony", cwd=clone)
    assert done.returncode == 0, done.stderr
    assert [a for a in annotations(done.stdout) if a[0] == "notice"] == [("notice", "docs/a.txt:3"), ("notice", "docs/new.txt:7")]


def test_parse_diff_quoted_names_deletions_and_ranges():
    patch = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -2,0 +3,2 @@\n+a\n+b\n@@ -9 +10 @@\n-c\n+d\n@@ -20,3 +21,0 @@\n-e\n-f\n-g\n"
        'diff --git "a/caf\\303\\251 \\"q\\".md" "b/caf\\303\\251 \\"q\\".md"\n'
        '--- "a/caf\\303\\251 \\"q\\".md"\n+++ "b/caf\\303\\251 \\"q\\".md"\n@@ -1 +1 @@\n-x\n+y\n'
    )
    files = parse_diff(patch)
    assert [(f.path, f.ranges) for f in files] == [("x.md", [(3, 4), (10, 10)]), ('café "q".md', [(1, 1)])]


def test_a_finding_overlapping_a_changed_line_counts():
    changed = ChangedFile("x.md", [(3, 4), (10, 10)])
    assert changed.touches(4) and changed.touches(1, 3) and changed.touches(9, 11) and changed.touches(2, 12)
    assert not changed.touches(5, 9) and not changed.touches(11) and not changed.touches(1, 2)
