"""Several cores: --jobs N gives the output of --jobs 1, in order, and stops cleanly."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import without_timings, write_mixed_corpus

import textkit
from textkit.parallel import DocumentSnapshot, default_jobs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the pool forks its workers")


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """40 short documents, enough for several to a message; the 18th is empty (an input error)."""
    folder = tmp_path_factory.mktemp("many")
    sentences = ARTICLE.split(". ")
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text("" if i == 17 else ". ".join(sentences[i % 9 : i % 9 + 2]) + ".", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Six documents of different lengths, one unreadable, one that trips the marker plugin."""
    return write_mixed_corpus(tmp_path_factory.mktemp("corpus"), 5, first=3, step=4)


def test_library_reports_come_in_input_order_and_equal_one_core(corpus):
    paths = sorted(str(p) for p in corpus.iterdir())
    one = list(textkit.analyze_paths(paths, jobs=1))
    two = list(textkit.analyze_paths(paths, jobs=2))
    assert [p for p, _ in two] == paths
    for (_, a), (_, b) in zip(one, two):
        if isinstance(a, textkit.InputError):
            assert type(b) is type(a) and str(b) == str(a)  # the empty file, in its place
            continue
        assert isinstance(b.document, DocumentSnapshot)
        assert without_timings(json.dumps(b.to_dict())) == without_timings(json.dumps(a.to_dict()))
        assert b.document.counts() == a.document.counts() and b.document.text == a.document.text


def test_encoded_reports_carry_their_json_and_write_the_same_lines(corpus):
    from textkit.formats.json_format import render_line

    paths = sorted(str(p) for p in corpus.iterdir())
    one = list(textkit.analyze_paths(paths, jobs=1))
    two = list(textkit.analyze_paths(paths, jobs=2, encoded=True))
    assert [p for p, _ in two] == paths
    reports = 0
    for (_, a), (_, b) in zip(one, two):
        if isinstance(a, textkit.InputError):
            assert str(b) == str(a)
            continue
        reports += 1
        # What the parent gets: the sections' JSON as text, their metrics and status, no findings or text.
        assert isinstance(b.encoded_sections, str) and b.document.text == ""
        assert all(s.findings == [] and s.data == {} for s in b.sections)
        assert [(s.id, s.status, s.metrics) for s in b.sections] == [(s.id, s.status, s.metrics) for s in a.sections]
        assert without_timings(render_line(b)) == without_timings(render_line(a))
        assert json.loads(b.encoded_sections)[0]["findings"] == [f.to_dict() for f in a.sections[0].findings]
    assert reports == 6


def test_an_exception_in_a_worker_is_raised_in_the_caller_in_its_place(monkeypatch, corpus):
    from textkit import parallel

    paths = sorted(str(p) for p in corpus.iterdir())
    real = parallel._analyze_one

    def analyze_one(path, *args):  # the workers are forked after this: they run it too
        if path == paths[2]:
            raise ValueError(f"boom on {path}")
        return real(path, *args)

    monkeypatch.setattr(parallel, "_analyze_one", analyze_one)
    seen = []
    with pytest.raises(ValueError, match="boom on .*doc"):
        for path, _ in textkit.analyze_paths(paths, jobs=2):
            seen.append(path)
    assert seen == paths[:2]  # the documents before it, in order; nothing after it
    assert multiprocessing.active_children() == []


def test_a_caller_that_stops_early_leaves_no_worker_behind(corpus):
    paths = sorted(str(p) for p in corpus.iterdir())
    reports = textkit.analyze_paths(paths, jobs=2)
    path, _ = next(reports)
    assert path == paths[0] and len(multiprocessing.active_children()) == 2
    reports.close()
    assert multiprocessing.active_children() == []


def test_snapshots_leave_the_text_out_for_a_caller_that_does_not_read_it(corpus):
    paths = sorted(str(p) for p in corpus.iterdir())
    one = list(textkit.analyze_paths(paths, jobs=1))
    two = list(textkit.analyze_paths(paths, jobs=2, texts=False))
    reports = [(a, b) for (_, a), (_, b) in zip(one, two) if not isinstance(a, textkit.InputError)]
    assert len(reports) == 6
    for a, b in reports:
        assert b.document.text == "" and a.document.text != ""
        assert b.document.counts() == a.document.counts()  # the metadata is all there
        assert without_timings(json.dumps(b.to_dict())) == without_timings(json.dumps(a.to_dict()))


@pytest.mark.parametrize(
    "fmt, single, expected",
    [("jsonl", False, True), ("text", False, False), ("json", False, False), ("csv", False, False), ("text", True, True)],
)
def test_the_runner_asks_for_texts_only_where_a_format_renders_each_report(monkeypatch, corpus, fmt, single, expected):
    import io

    from textkit import runner
    from textkit.analysis import default_plugins

    asked = []
    monkeypatch.setattr(runner, "analyze_paths", lambda paths, **options: asked.append(options["texts"]) or iter(()))
    plugins = default_plugins()
    paths = sorted(str(p) for p in corpus.iterdir())[: 1 if single else None]
    runner.write_reports(paths, io.StringIO(), plugins=plugins, format=plugins.formats[fmt],
                         render_options=textkit.RenderOptions(), single=single)  # fmt: skip
    assert asked == [expected]


def test_warnings_about_how_a_file_was_read_are_printed_from_workers_too(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A plain sentence. Another one.", encoding="utf-8")
    (folder / "dense.md").write_text("# Title\n\n" + "![a" * 20_000 + "\n", encoding="utf-8")  # read as plain text
    (folder / "z.txt").write_text("The last one.", encoding="utf-8")
    runs = [cli("analyze", folder, "-f", "jsonl", "--only", "readability", "-j", jobs) for jobs in ("1", "2")]
    warning = f"textkit: warning: {folder / 'dense.md'}: Markdown markup too dense to parse in time"
    assert [r.returncode for r in runs] == [0, 0]
    assert warning in runs[0].stderr and runs[1].stderr == runs[0].stderr


@pytest.mark.parametrize("fmt, expected", [("jsonl", True), ("json", False), ("markdown", False)])
def test_the_runner_asks_for_encoded_reports_only_for_a_format_that_reads_them(monkeypatch, corpus, fmt, expected):
    import io

    from textkit import runner
    from textkit.analysis import default_plugins

    asked = []

    def fake_analyze_paths(paths, **options):
        asked.append(options["encoded"])
        return iter(())

    monkeypatch.setattr(runner, "analyze_paths", fake_analyze_paths)
    plugins = default_plugins()
    paths = sorted(str(p) for p in corpus.iterdir())
    runner.write_reports(paths, io.StringIO(), plugins=plugins, format=plugins.formats[fmt], render_options=textkit.RenderOptions())
    runner.write_reports(paths[:1], io.StringIO(), plugins=plugins, format=plugins.formats[fmt], render_options=textkit.RenderOptions(), single=True)
    assert asked == [expected, False]  # one document rendered as such needs the whole report


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text", "markdown"])
def test_cli_output_is_byte_identical_to_one_job(cli, corpus, fmt):
    args = ["analyze", corpus, "-f", fmt, "-p", "tkfix_raises_on_marker", "--color", "never"]
    one = cli(*args, "-j", "1", pythonpath=[FIXTURES])
    two = cli(*args, "-j", "2", pythonpath=[FIXTURES])
    # The empty file is an input error (exit 2) and the marker's section failed on doc5 only.
    assert one.returncode == two.returncode == 2
    assert without_timings(two.stdout) == without_timings(one.stdout)
    assert two.stderr == one.stderr
    assert "doc5.txt: section 'marker' failed: RuntimeError: boom on this document" in two.stderr
    assert "doc4.txt: section" not in two.stderr


def test_a_failing_document_costs_only_itself(cli, corpus):
    done = cli("analyze", corpus, "-f", "jsonl", "-j", "2", "-p", "tkfix_raises_on_marker", pythonpath=[FIXTURES])
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    marker = {Path(r["document"]["source"]).name: next(s for s in r["sections"] if s["id"] == "marker") for r in reports}
    assert marker["doc5.txt"]["status"] == "error"
    assert all(s["status"] == "ok" for name, s in marker.items() if name != "doc5.txt")
    assert len(reports) == 6  # every readable document has its report


def test_default_jobs_is_the_usable_cores():
    assert default_jobs() == len(os.sched_getaffinity(0))


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_ctrl_c_leaves_no_partial_output_and_no_workers(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    # Enough that the run is surely still going when Ctrl-C comes: 60 articles took ~1 s in all,
    # so the signal sometimes met a run that had already written its output and was exiting.
    for i in range(600):
        (folder / f"{i:03d}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    process = subprocess.Popen(
        [sys.executable, "-m", "textkit", "analyze", str(folder), "-f", "jsonl", "-j", "2", "-o", str(out)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers |= _children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool's workers never started"
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["many"]  # no temporary file left either
    time.sleep(0.2)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]]
    assert alive == []
    assert b"Traceback" not in stderr


def test_help_states_the_real_default_size_limit(cli):
    from textkit.loading import DEFAULT_MAX_BYTES

    shown = cli("analyze", "--help").stdout
    assert f"{DEFAULT_MAX_BYTES:,}" in " ".join(shown.split()).replace("│", "")


def test_help_imports_no_analysis_machinery(cli):
    probe = (
        "import sys, runpy; sys.argv = ['textkit', '--help'];\n"
        "try: runpy.run_module('textkit', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textkit', 'pysbd', 'pluggy'))))"
    )
    done = cli(command=[sys.executable, "-c", probe])
    loaded = done.stdout.strip().splitlines()[-1]
    # The CLI's own small modules (settings, limits, escaping), nothing that loads or analyzes.
    assert loaded == "['textkit', 'textkit.cli', 'textkit.config', 'textkit.errors', 'textkit.escape', 'textkit.limits']"


@pytest.mark.parametrize("documents, dies", [(6, 3), (40, 23)])  # one document to a message; several
def test_a_dead_worker_stops_the_run_with_a_message_instead_of_hanging(cli, tmp_path, documents, dies):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(documents):
        (folder / f"{i}.txt").write_text("All is well here." if i != dies else "Then DIE happened.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = cli("analyze", folder, "-f", "jsonl", "-j", "2", "-o", out, "--only", "dier", "-p", "tkfix_dies_on_marker",
               pythonpath=[FIXTURES])  # fmt: skip
    assert done.returncode == 4
    assert done.stderr.startswith("textkit: error: a worker process died while analyzing one of: ")
    listed = done.stderr.split("one of: ", 1)[1].split(" (killed", 1)[0].split(", ")
    assert str(folder / f"{dies}.txt") in listed and set(listed) <= {str(p) for p in folder.iterdir()}
    assert "Traceback" not in done.stderr
    assert not out.exists()


def _messages_sent(monkeypatch) -> list[list[str]]:
    """The messages of paths the parent sends its workers, recorded as they go (in this process)."""
    from multiprocessing.connection import Connection

    sent: list[list[str]] = []
    real_send = Connection.send

    def send(self, message):  # the parent's messages are lists of paths (the workers' hold answers)
        if isinstance(message, list) and message and isinstance(message[0], str):
            sent.append(message)
        return real_send(self, message)

    monkeypatch.setattr(Connection, "send", send)
    return sent


def test_documents_travel_several_to_a_message_and_come_back_in_order(monkeypatch, many):
    messages = _messages_sent(monkeypatch)
    paths = sorted(str(p) for p in many.iterdir())
    one = list(textkit.analyze_paths(paths, jobs=1, only=["readability"]))
    two = list(textkit.analyze_paths(paths, jobs=2, only=["readability"]))
    sent = [len(m) for m in messages]
    # Before any answer: two messages a worker, 40 // 8 = 5, 35 // 8 = 4, 31 // 8 = 3, 28 // 8 = 3 documents;
    # the last ones carry one document each, so that the workers finish together.
    assert sent[:4] == [5, 4, 3, 3] and sent[-1] == 1 and sum(sent) == 40
    assert [p for p, _ in two] == paths
    assert isinstance(two[17][1], textkit.InputError) and str(two[17][1]) == str(one[17][1])
    for (_, a), (_, b) in zip(one[:17] + one[18:], two[:17] + two[18:]):
        assert without_timings(json.dumps(b.to_dict())) == without_timings(json.dumps(a.to_dict()))


def test_an_exception_in_the_middle_of_a_message_is_raised_after_the_documents_before_it(monkeypatch, many):
    from textkit import parallel

    paths = sorted(str(p) for p in many.iterdir())
    real = parallel._analyze_one

    def analyze_one(path, *args):
        if path == paths[11]:  # the third of the message of documents 9, 10, 11
            raise ValueError(f"boom on {path}")
        return real(path, *args)

    monkeypatch.setattr(parallel, "_analyze_one", analyze_one)
    seen = []
    with pytest.raises(ValueError, match="boom on .*11.txt"):
        for path, _ in textkit.analyze_paths(paths, jobs=2, only=["readability"]):
            seen.append(path)
    assert seen == paths[:11]
    assert multiprocessing.active_children() == []


def test_the_workers_garbage_collector_skips_what_they_inherit_and_the_caller_keeps_its_own(monkeypatch, many):
    import gc

    from textkit import parallel

    monkeypatch.setattr(parallel, "_analyze_one", lambda path, *args: (path, gc.get_freeze_count()))
    paths = sorted(str(p) for p in many.iterdir())[:6]
    frozen = dict(textkit.analyze_paths(paths, jobs=2))
    assert len(frozen) == 6 and min(frozen.values()) > 10_000  # the plugins and their dictionaries, at least
    assert gc.get_freeze_count() == 0  # in this process, nothing stays frozen
    reports = textkit.analyze_paths(paths, jobs=2)
    next(reports)
    reports.close()
    assert gc.get_freeze_count() == 0


def test_the_warm_up_loads_what_a_first_document_would_load_in_each_worker(cli):
    probe = (
        "from textkit import parallel\n"
        "from textkit.plugins import _syllables\n"
        "parallel._warm_up({})\n"
        "print(_syllables._hyphenation_patterns.cache_info().currsize)"
    )
    # Readability's hyphenation patterns, for words no pronouncing dictionary holds (~25 ms to load).
    assert cli(command=[sys.executable, "-c", probe]).stdout.split() == ["1"]


def test_a_message_carries_no_more_than_its_share_of_input_bytes(monkeypatch, tmp_path):
    from textkit import parallel

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(("Word. " * 17)[:100], encoding="utf-8")  # 100 bytes each
    messages = _messages_sent(monkeypatch)
    monkeypatch.setattr(parallel, "_MESSAGE_BYTES", 350)
    paths = sorted(str(p) for p in folder.iterdir())
    two = list(textkit.analyze_paths(paths, jobs=2, only=["readability"]))
    sent = [len(m) for m in messages]
    # 40 // 8 = 5 documents wanted first, but three of 100 bytes fill 350; and so on.
    assert sent[:4] == [3, 3, 3, 3] and max(sent) == 3 and sum(sent) == 40
    assert [p for p, _ in two] == paths and all(r.document.counts()["words"] == 17 for _, r in two)


def test_a_slow_document_holds_back_no_more_than_the_window(monkeypatch, tmp_path):
    from textkit import parallel

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(120):
        (folder / f"{i:03d}.txt").write_text("A short one. It reads well.", encoding="utf-8")
    paths = sorted(str(p) for p in folder.iterdir())
    messages = _messages_sent(monkeypatch)
    real_analyze = parallel._analyze_one

    def analyze_one(path, *args):
        if path == paths[0]:
            time.sleep(3)  # the other worker runs ahead meanwhile, until the window is full
        return real_analyze(path, *args)

    monkeypatch.setattr(parallel, "_analyze_one", analyze_one)
    reports = textkit.analyze_paths(paths, jobs=2, only=["readability"])
    assert next(reports)[0] == paths[0]
    sent = [path for message in messages for path in message]
    # Eight messages (two workers x 4) of eight documents (120 // 8 = 15, at most 8) past document 0.
    assert len(sent) == 64 and sent == paths[:64]
    assert [p for p, _ in reports] == paths[1:]


@pytest.mark.parametrize("flush_each, flushes", [(True, 6), (False, 0)])
def test_the_runner_flushes_after_each_streamed_report_only_when_asked(corpus, flush_each, flushes):
    """A pipe's reader gets each JSON line as it is done; a file renamed into place when complete
    (the CLI's -o) is written without a flush per document."""
    import io

    from textkit import runner
    from textkit.analysis import default_plugins

    class Counting(io.StringIO):
        flushes = 0

        def flush(self):
            self.flushes += 1
            super().flush()

    out, plugins = Counting(), default_plugins()
    paths = sorted(str(p) for p in corpus.iterdir())
    runner.write_reports(paths, out, plugins=plugins, format=plugins.formats["jsonl"], render_options=textkit.RenderOptions(),
                         only=["readability"], flush_each=flush_each)  # fmt: skip
    assert len(out.getvalue().splitlines()) == 6  # one line per readable document (the empty one is an input error)
    assert out.flushes == flushes
