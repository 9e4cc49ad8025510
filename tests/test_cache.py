"""The report cache (--cache): each hit/miss rule, damage, bounds and concurrent runs."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import textkit
from textkit.analysis import analyze_paths
from textkit.cache import ReportCache, _checksum
from textkit.config import Config
from textkit.plugin_manager import load_plugins

from conftest import run_textkit

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"

# A plugin that writes a line to $COUNT_FILE each time it analyzes a document, so a test can tell
# an analysis from a reused report; its version and its option come from the test.
COUNTING = '''
import os
import re
import time
from textkit import Analyzer, Result, hookimpl

__version__ = "{version}"


def analyze(document, config):
    with open(os.environ["COUNT_FILE"], "a", encoding="utf-8") as handle:
        handle.write(document.source + "\\n")
    time.sleep(float(os.environ.get("COUNT_SLEEP", "0")))  # to make concurrent runs overlap
    scale = config.for_analyzer("counting").get("scale", 1)
    return Result(metrics={{"chars": len(document.text) * scale}}, findings=[document.finding("first", 0, 3, "start")])


@hookimpl
def register_analyzers(register):
    register(Analyzer(id="counting", title="Counting", analyze=analyze))
'''


@pytest.fixture
def project(tmp_path):
    """A folder with three documents, the counting plugin (version 1.0) and a counter file."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"d{n}.txt").write_text(f"Document number {n} says something plain.\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "counting.py").write_text(COUNTING.format(version="1.0"))
    return tmp_path


def counting_run(project: Path, *args: str, quiet=True):
    return run_textkit(
        "analyze", "docs", "-p", "counting", "--only", "counting", "--cache", "-f", "json", *(["-q"] if quiet else []),
        *args, pythonpath=[project / "site"], env={"COUNT_FILE": str(project / "count.txt")}, cwd=project,
    )  # fmt: skip


def without_timings(output: str):
    """A JSON report with every section's elapsed_ms left out (a re-analysis takes its own time)."""
    report = json.loads(output)
    for document in report["documents"]:
        for section in document["sections"]:
            section.pop("elapsed_ms")
    return report


def analyses(project: Path) -> int:
    """How many analyses the counting plugin has run so far (then the counter starts again)."""
    counter = project / "count.txt"
    n = len(counter.read_text().splitlines()) if counter.exists() else 0
    counter.unlink(missing_ok=True)
    return n


def test_second_run_reuses_every_report_and_the_output_is_the_same(project):
    first = counting_run(project, quiet=False)
    assert first.returncode == 0, first.stderr
    assert analyses(project) == 3 and first.stderr == "textkit: cache .textkit-cache: 0 reused, 3 analyzed\n"
    second = counting_run(project, quiet=False)
    assert analyses(project) == 0 and second.stderr == "textkit: cache .textkit-cache: 3 reused, 0 analyzed\n"
    assert second.stdout == first.stdout
    assert (project / ".textkit-cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_one_changed_document_costs_one_analysis(project):
    counting_run(project)
    analyses(project)
    (project / "docs" / "d1.txt").write_text("Document number 1 now says something else.\n")
    counting_run(project)
    assert (project / "count.txt").read_text() == "docs/d1.txt\n"


def test_a_plugin_upgrade_is_a_miss(project):
    counting_run(project)
    analyses(project)
    (project / "site" / "counting.py").write_text(COUNTING.format(version="1.1"))
    counting_run(project)
    assert analyses(project) == 3
    counting_run(project)
    assert analyses(project) == 0


def test_a_changed_setting_is_a_miss(project):
    counting_run(project)
    analyses(project)
    (project / "textkit.toml").write_text("[counting]\nscale = 2\n")
    doubled = json.loads(counting_run(project).stdout)
    assert analyses(project) == 3
    assert [r["headline"]["counting"]["value"] for r in doubled["summary"]["rows"]] == [2 * 40] * 3
    counting_run(project, "--disable", "irony")  # another selection of analyzers is another setting
    assert analyses(project) == 3


def test_gates_are_checked_on_reused_reports(project):
    for _ in range(2):
        done = counting_run(project, "--fail-if", "counting.chars > 39")
        assert done.returncode == 1 and done.stderr.count("FAILED") == 3
    assert analyses(project) == 3


def _resealed(raw: bytes, change) -> bytes:
    """An entry whose body ``change`` rebuilt from its parts, with a checksum that matches."""
    body = marshal.dumps(change(*marshal.loads(raw.partition(b"\n")[2])))
    return _checksum(body) + b"\n" + body


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b"chars", b"charz"),  # a changed byte: the checksum no longer matches
        lambda raw: b"",  # empty
        lambda raw: _checksum(marshal.dumps([])) + b"\n" + marshal.dumps([]),  # intact, not a report
        lambda raw: _resealed(raw, lambda head, findings, data, texts: (head, findings, data, b"")),  # layout 5's shape
    ],
    ids=["truncated", "flipped", "empty", "wrong-shape", "texts-not-a-dict"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(project, damage):
    first = counting_run(project)
    analyses(project)
    entries = sorted((project / ".textkit-cache" / "entries").glob("*.report"))
    assert len(entries) == 3
    raw = entries[0].read_bytes()
    assert damage(raw) != raw
    entries[0].write_bytes(damage(raw))
    again = counting_run(project)
    assert again.returncode == 0 and without_timings(again.stdout) == without_timings(first.stdout)
    assert analyses(project) == 1
    counting_run(project)
    assert analyses(project) == 0  # the damaged entry was replaced by a good one


def test_two_concurrent_runs_share_the_folder(project):
    docs = project / "docs"
    for n in range(3, 40):
        (docs / f"d{n}.txt").write_text(f"Document number {n} says something plain.\n")
    env = {**os.environ, "PYTHONPATH": str(project / "site"), "TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "1",
           "COUNT_FILE": str(project / "count.txt"), "COUNT_SLEEP": "0.02"}  # fmt: skip
    command = [sys.executable, "-m", "textkit", "analyze", "docs", "-p", "counting", "--only", "counting",
               "--cache", "-f", "json", "-q"]  # fmt: skip
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert without_timings(outputs[0][0]) == without_timings(outputs[1][0])
    assert analyses(project) >= 40  # each run analyzed what the other had not stored yet
    cache = ReportCache(project / ".textkit-cache")
    assert cache.info().entries == 40
    for entry in cache.entries.iterdir():  # every entry whole: its checksum matches
        checksum, _, body = entry.read_bytes().partition(b"\n")
        assert _checksum(body) == checksum
    assert not [p for p in (project / ".textkit-cache" / "entries").iterdir() if p.name.startswith(".tmp-")]
    third = counting_run(project)
    assert analyses(project) == 0 and without_timings(third.stdout) == without_timings(outputs[0][0])


# -- in-process rules --------------------------------------------------------------------------


def run_cached(cache: ReportCache, paths, **options):
    return [report for _, report in analyze_paths(paths, cache=cache, **options)]


def test_reused_report_equals_a_fresh_one(tmp_path):
    cache = ReportCache(tmp_path / "cache")
    (fresh,) = run_cached(cache, [ARTICLE])
    (reused,) = run_cached(cache, [ARTICLE])
    assert (cache.hits, cache.misses) == (1, 1)
    assert json.dumps(reused.to_dict()) == json.dumps(fresh.to_dict())
    assert "segmentation" not in vars(reused.document)  # counts came from the cache, nothing was segmented


def test_same_bytes_under_another_name_is_a_hit(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(ARTICLE.read_bytes())
    cache = ReportCache(tmp_path / "cache")
    run_cached(cache, [ARTICLE], only=["readability"])
    (report,) = run_cached(cache, [copy], only=["readability"])
    assert (cache.hits, cache.misses) == (1, 1) and report.document.source == str(copy)


def test_textkit_version_and_encoding_are_part_of_the_key(tmp_path, monkeypatch):
    cache = ReportCache(tmp_path / "cache")
    run_cached(cache, [ARTICLE], only=["readability"])
    monkeypatch.setattr(textkit, "__version__", "99.0")
    run_cached(cache, [ARTICLE], only=["readability"])
    assert (cache.hits, cache.misses) == (0, 2)
    monkeypatch.undo()
    run_cached(cache, [ARTICLE], only=["readability"], encoding="latin-1")
    run_cached(cache, [ARTICLE], only=["readability"], config=Config({"readability": {"words_per_minute": 100}}))
    run_cached(cache, [ARTICLE], only=["readability"])
    assert (cache.hits, cache.misses) == (1, 4)


def test_bounded_least_recently_used_out_first(tmp_path):
    cache = ReportCache(tmp_path / "cache")
    texts = []
    for n in range(4):
        path = tmp_path / f"t{n}.txt"
        path.write_text(f"Text number {n} is short.\n")
        texts.append(path)
        run_cached(cache, [path], only=["readability"])
    files = sorted(cache._files(), key=lambda f: f[2].name)
    one = max(size for _, size, _ in files)
    by_text = {}
    for n, path in enumerate(texts):  # make the order of use explicit: t2 oldest, then t0, t3, t1
        key = cache.key(textkit.loading.load_path(path), plugins=load_plugins(), only=["readability"])
        by_text[n] = cache.entries / f"{key}.report"
    for age, n in enumerate([2, 0, 3, 1]):
        os.utime(by_text[n], (1_000_000 + age, 1_000_000 + age))
    small = ReportCache(tmp_path / "cache", max_mb=(2.5 * one) / (1024 * 1024))
    small.prune(small.max_bytes)
    assert sorted(p.name for p in small.entries.iterdir()) == sorted([by_text[3].name, by_text[1].name])
    (small.folder / "notes.txt").write_text("not the cache's")
    assert small.clear() == 2 and (small.folder / "notes.txt").exists() and small.info().entries == 0


def test_store_over_the_bound_prunes(tmp_path):
    cache = ReportCache(tmp_path / "cache", max_mb=0.001)  # ~1 kB: a report does not fit with another
    run_cached(cache, [ARTICLE], only=["readability"])
    run_cached(cache, [ARTICLE], only=["sentiment"])
    assert cache.info().size_bytes <= cache.max_bytes
    assert cache.info().entries <= 1


# -- the cache command ------------------------------------------------------------------------


def test_cache_info_and_clear_commands(project):
    counting_run(project)
    info = json.loads(
        run_textkit("cache", "info", "-f", "json", cwd=project).stdout
    )
    assert info["folder"] == ".textkit-cache" and info["entries"] == 3 and info["size_bytes"] > 0
    assert run_textkit("cache", "clear", cwd=project).stdout == ".textkit-cache: removed 3 reports\n"
    assert run_textkit("cache", "info", cwd=project).stdout == ".textkit-cache: 0 reports, 0.0 MB\n"


def test_cache_folder_option_and_errors(project):
    done = counting_run(project, "--cache=elsewhere")
    assert done.returncode == 0 and ReportCache(project / "elsewhere").info().entries == 3
    (project / "a-file").write_text("x")
    bad = counting_run(project, "--cache=a-file")
    assert bad.returncode == 2 and bad.stderr == "textkit: error: cache folder a-file: is a file\n"
    bound = counting_run(project, "--cache-max-mb", "0")
    assert bound.returncode == 2 and "must be positive" in bound.stderr


def test_cache_max_mb_bounds_the_folder_end_to_end(project):
    counting_run(project)
    sizes = {p.stat().st_size for p in (project / ".textkit-cache" / "entries").iterdir()}
    assert max(sizes) - min(sizes) <= 8  # three documents of the same length: entries of about the same size
    run_textkit("cache", "clear", cwd=project)
    bound = 2.5 * max(sizes) / (1024 * 1024)
    assert counting_run(project, "--cache-max-mb", str(bound)).returncode == 0
    # the third entry took the folder over the bound: the oldest went, down to 90% of it (two entries)
    assert ReportCache(project / ".textkit-cache").info().entries == 2


def test_cached_output_is_what_an_uncached_run_writes_in_every_corpus_format(tmp_path):
    """Cold and warm cached runs give the same output byte for byte, and an uncached run's (timings aside),
    including -f json, whose sections the cache keeps as indented JSON and puts in as they are, and the CI
    formats, which never decode a section's data (JUnit not even its findings) and lay SARIF results out apart."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Notes\n\nThe **committee** met in Geneva. It said *nothing* new, as usual.\n")
    (docs / "b.txt").write_text("Oh great, another meeting. Brilliant.\n")
    # a.md: 12 words (passes the gate); b.txt: 5 words and two irony findings (fails it)
    options = ["--only", "readability", "--only", "irony", "--fail-if", "readability.words < 10"]
    timing = re.compile(r'"elapsed_ms": ?[0-9.e+-]+| time="[0-9.]+"')
    warm_output = {}
    for fmt in ("json", "jsonl", "markdown", "sarif", "github", "junit", "text"):
        plain = run_textkit("analyze", docs, *options, "-f", fmt, cwd=tmp_path)
        cold, warm = (run_textkit("analyze", docs, *options, "-f", fmt, f"--cache={tmp_path / fmt}", cwd=tmp_path) for _ in range(2))
        assert plain.returncode == cold.returncode == warm.returncode == 1, (plain.stderr, cold.stderr, warm.stderr)
        assert cold.stderr.endswith("0 reused, 2 analyzed\n") and warm.stderr.endswith("2 reused, 0 analyzed\n")
        assert warm.stdout == cold.stdout, fmt  # timings too: the cold run's are the ones stored
        assert timing.sub("", cold.stdout) == timing.sub("", plain.stdout), fmt
        warm_output[fmt] = warm.stdout
    # Not vacuous: the CI formats carry the findings, the failed gate and the sections.
    sarif = json.loads(warm_output["sarif"])
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == [
        "gate/readability.words", "irony/emphatic_sentence", "irony/ironic_praise"
    ]
    github = warm_output["github"].splitlines()
    assert github[0].startswith("::error file=") and github[0].endswith("b.txt,title=textkit gate readability.words::"
        "readability.words < 10 FAILED: words = 5")
    assert sum(line.startswith("::notice file=") for line in github) == 2
    junit = ET.fromstring(warm_output["junit"])
    assert [(c.get("classname").endswith("b.txt"), c.get("name"), c.find("failure") is not None) for c in junit.iter("testcase")] == [
        (False, "readability.words < 10", False), (True, "readability.words < 10", True)
    ]


def test_an_entry_of_another_layout_is_a_miss_and_is_replaced(tmp_path, monkeypatch):
    import textkit.cache as cache_module

    cache = ReportCache(tmp_path / "cache")
    (fresh,) = run_cached(cache, [ARTICLE], only=["irony"])
    (entry,) = cache.entries.iterdir()
    # Layout 4 (before findings and data were kept apart): (head, all sections, json text) under the same name.
    head, findings, data, json_text = marshal.loads(entry.read_bytes().partition(b"\n")[2])
    sections = [{**s, "findings": f, "data": d} for s, f, d in zip(head["sections"], marshal.loads(findings), marshal.loads(data))]
    old = marshal.dumps((head, marshal.dumps(sections), json_text))
    entry.write_bytes(_checksum(old) + b"\n" + old)
    (again,) = run_cached(cache, [ARTICLE], only=["irony"])
    assert (cache.hits, cache.misses) == (0, 2)
    timing = re.compile(r'"elapsed_ms": [0-9.e+-]+')  # analyzed again: its own time
    assert timing.sub("", json.dumps(again.to_dict())) == timing.sub("", json.dumps(fresh.to_dict()))
    assert len(marshal.loads(entry.read_bytes().partition(b"\n")[2])) == 4  # rewritten in the current layout
    # And the layout is part of the key: a run of another layout does not even look at these entries.
    monkeypatch.setattr(cache_module, "_LAYOUT", "4")
    run_cached(ReportCache(tmp_path / "cache"), [ARTICLE], only=["irony"])
    assert ReportCache(tmp_path / "cache").info().entries == 2


def test_a_cached_report_decodes_findings_and_data_apart(tmp_path):
    cache = ReportCache(tmp_path / "cache")
    (fresh,) = run_cached(cache, [ARTICLE], only=["entities", "readability"])
    (reused,) = run_cached(cache, [ARTICLE], only=["entities", "readability"])
    stored = reused.unread_sections()
    assert stored is not None and not vars(stored).keys() & {"decoded_findings", "decoded_data"}
    assert [len(s.findings) for s in reused.sections] == [len(s.findings) for s in fresh.sections]
    assert "decoded_findings" in vars(stored) and "decoded_data" not in vars(stored)  # findings only
    assert reused["entities"].data == json.loads(json.dumps(fresh["entities"].data))
    assert "decoded_data" in vars(stored) and reused.unread_sections() is None  # now read: not the stored bytes


def test_entries_written_for_one_format_serve_every_other(tmp_path):
    """The cache keeps the sections as the writing run's format writes them (json, jsonl, sarif); a run
    of another format reads the values instead, and every output is still what an uncached run writes."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Notes\n\nOh great, the *committee* met in Geneva. Brilliant.\n")
    (docs / "b.txt").write_text("Oh great, another meeting in \"Paris\". Brilliant.\n")
    timing = re.compile(r'"elapsed_ms": ?[0-9.e+-]+')
    options = ["--only", "irony", "--only", "entities"]
    plain = {fmt: run_textkit("analyze", docs, *options, "-f", fmt, cwd=tmp_path).stdout for fmt in ("json", "jsonl", "sarif")}
    for writer in ("json", "jsonl", "sarif"):
        cache = f"--cache={tmp_path / writer}"
        assert run_textkit("analyze", docs, *options, "-f", writer, cache, cwd=tmp_path).returncode == 0
        (entry, *_) = (tmp_path / writer / "entries").iterdir()
        texts = marshal.loads(entry.read_bytes().partition(b"\n")[2])[3]
        assert list(texts) == [writer]  # the writer's own text, and only that
        for reader in ("json", "jsonl", "sarif"):
            warm = run_textkit("analyze", docs, *options, "-f", reader, cache, cwd=tmp_path)
            assert warm.stderr.endswith("2 reused, 0 analyzed\n")
            assert timing.sub("", warm.stdout) == timing.sub("", plain[reader]), (writer, reader)
    assert json.loads(plain["sarif"])["runs"][0]["results"]  # not vacuous: there are results to write


def test_changed_lines_only_from_reused_reports_too(tmp_path):
    """--changed-since keeps SARIF's results on changed lines, whether the reports are fresh or reused
    (a reused report's results are put together from the pieces the cache kept, not from its findings)."""
    from test_changed_since import make_repo

    repo = make_repo(tmp_path / "repo")
    args = ["analyze", "docs", "--changed-since", "main", "-f", "sarif", "--only", "irony", f"--cache={tmp_path / 'cache'}"]
    cold, warm = (run_textkit(*args, cwd=repo) for _ in range(2))
    assert cold.stderr.endswith("0 reused, 3 analyzed\n") and warm.stderr.endswith("3 reused, 0 analyzed\n")
    assert warm.stdout == cold.stdout
    results = json.loads(warm.stdout)["runs"][0]["results"]
    where = sorted(
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    )
    assert where == [("docs/a.txt", 3), ("docs/draft.txt", 1), ("docs/new.txt", 7)]
