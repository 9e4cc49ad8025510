"""Hostile use of the command line, end to end: -o never damages a file, inputs never hang,
plugins cannot reach beyond their section, nothing injects into stderr."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = "The committee met on Tuesday. It approved the plan after a long debate.\n"


@pytest.fixture
def doc(tmp_path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(PROSE, encoding="utf-8")
    return path


# --- -o never loses or damages a file ---------------------------------------------------------


def test_output_naming_the_input_under_another_spelling_is_refused(cli, tmp_path, doc):
    (tmp_path / "sub").mkdir()
    spelled = tmp_path / "sub" / ".." / "doc.txt"
    done = cli("analyze", doc, "-o", spelled, "-q")
    assert done.returncode == 2, done.stderr
    assert "is one of the inputs" in done.stderr
    assert doc.read_text(encoding="utf-8") == PROSE


def test_output_naming_a_hard_link_of_one_of_several_inputs_is_refused(cli, tmp_path, doc):
    other = tmp_path / "other.txt"
    other.write_text(PROSE, encoding="utf-8")
    os.link(other, tmp_path / "alias.json")
    done = cli("analyze", doc, other, "-f", "json", "-o", tmp_path / "alias.json", "-q")
    assert done.returncode == 2 and "is one of the inputs" in done.stderr
    assert other.read_text(encoding="utf-8") == PROSE


def test_output_to_a_fifo_or_folder_is_refused_and_left_alone(cli, tmp_path, doc):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = cli("analyze", doc, "-o", fifo)
    assert done.returncode == 2 and "not a regular file" in done.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    done = cli("analyze", doc, "-o", tmp_path)
    assert done.returncode == 2 and "is a directory" in done.stderr


def test_output_to_a_device_is_refused_and_the_device_stays(cli, doc):
    # Any character device will do (a shared machine's /dev/null may itself have been replaced by a file).
    device = next((d for d in ("/dev/null", "/dev/zero", "/dev/full") if stat.S_ISCHR(os.stat(d).st_mode)), None)
    if device is None:
        pytest.skip("no character device to try")
    done = cli("analyze", doc, "-o", device)
    assert done.returncode == 2 and "not a regular file" in done.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_output_dash_is_stdout(cli, tmp_path, doc):
    done = cli("analyze", doc, "-f", "json", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["source"] == str(doc)
    assert not (tmp_path / "-").exists()


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(cli, tmp_path, doc):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    done = cli("analyze", doc, "-f", "json", "-o", link)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["document"]["source"] == str(doc)


def test_output_keeps_the_permissions_of_the_file_it_replaces(cli, tmp_path, doc):
    target = tmp_path / "private.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert cli("analyze", doc, "-f", "json", "-o", target).returncode == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["tool"]["name"] == "textkit"


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTKIT")}
    env.update(PYTHONPATH=str(FIXTURES), PYTHONIOENCODING="utf-8", TEXTKIT_DISABLE_PLUGIN_AUTOLOAD="1", **extra)
    return env


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path, doc):
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "textkit", "analyze", doc, doc.parent / "second.txt", "-f", "jsonl",
               "-o", out, "-p", "tkfix_hostile", "--only", "sleeper", "-q"]
    (doc.parent / "second.txt").write_text(PROSE, encoding="utf-8")
    process = subprocess.Popen(command, env=_env(TKFIX_SLEEP="30"), cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well inside the sleeping analyzer
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "second.txt"]


# --- inputs never hang -----------------------------------------------------------------------


def test_a_fifo_named_as_input_is_refused_at_once(cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = cli("analyze", fifo)
    assert done.returncode == 2 and "is a FIFO" in done.stderr and "-" in done.stderr


def test_a_folder_gives_only_regular_files_and_each_once_through_symlink_loops(cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "a" / "pipe.txt")
    done = cli("analyze", tmp_path, "-f", "jsonl", "-q")
    assert done.returncode == 0, done.stderr
    sources = [json.loads(line)["document"]["source"] for line in done.stdout.splitlines()]
    assert sources == [str(tmp_path / "a" / "one.txt")]


def test_a_file_name_with_glob_characters_is_taken_literally(cli, tmp_path):
    (tmp_path / "notes[1].txt").write_text(PROSE, encoding="utf-8")
    done = cli("analyze", "notes[1].txt", "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["source"] == "notes[1].txt"


def test_a_file_growing_while_read_is_refused_at_the_limit(tmp_path):
    from textkit.errors import InputError
    from textkit.loading import read_bytes

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 1000)
    code = f"f=open({str(path)!r},'ab')\nwhile True: f.write(b'x'*65536); f.flush()"
    writer = subprocess.Popen([sys.executable, "-c", code])
    try:
        while path.stat().st_size < 2_000_000:
            time.sleep(0.01)
        with pytest.raises(InputError, match="larger than the limit of 1,000,000 bytes"):
            read_bytes(path, 1_000_000)
    finally:
        writer.kill()
        writer.wait()


# --- plugins stay in their section ------------------------------------------------------------


def _hostile(cli, doc, only, *extra):
    return cli("analyze", doc, "-f", "json", "-p", "tkfix_hostile", "--only", only, *extra, pythonpath=[FIXTURES])


def test_a_printing_plugin_cannot_corrupt_the_report_on_stdout(cli, doc):
    done = _hostile(cli, doc, "printer,readability")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # stdout is the report and nothing else
    assert [s["status"] for s in report["sections"]] == ["ok", "ok"]
    assert "C-level write to fd 1" in done.stderr
    # What the plugin wrote to stderr is passed on, escaped: it cannot start a workflow command.
    assert not any(line.startswith("::") for line in done.stderr.splitlines())
    assert "printed: ::error title=x::from a plugin" in done.stderr


@pytest.mark.parametrize(
    "analyzer, error_type",
    [("exits", "SystemExit"), ("interrupts", "KeyboardInterrupt"), ("base", "BaseException"),
     ("nan_finding", "InvalidResult"), ("outside", "InvalidResult")],
)
def test_any_exception_or_bad_number_costs_only_its_section(cli, doc, analyzer, error_type):
    done = _hostile(cli, doc, f"{analyzer},readability")
    assert done.returncode == 3, done.stderr
    sections = {s["id"]: s for s in json.loads(done.stdout)["sections"]}
    assert sections[analyzer]["status"] == "error"
    assert sections[analyzer]["error"]["type"] == error_type
    assert sections["readability"]["status"] == "ok"
    assert "Traceback" not in done.stderr


def test_an_endless_analyzer_overruns_its_time_budget_and_the_run_goes_on(cli, doc):
    started = time.monotonic()
    # 2 s, not less: readability's first run in a process loads its dictionaries, which on a
    # loaded CI machine took over half a second.
    done = _hostile(cli, doc, "forever,readability", "--time-budget", "2")
    assert time.monotonic() - started < 30
    assert done.returncode == 3, done.stderr
    sections = {s["id"]: s for s in json.loads(done.stdout)["sections"]}
    assert sections["forever"]["error"]["type"] == "BudgetExceeded"
    assert "time budget of 2 s" in sections["forever"]["error"]["message"]
    assert sections["readability"]["status"] == "ok"


def test_ctrl_c_stops_the_run_with_130_and_no_partial_file(tmp_path, doc):
    out = tmp_path / "out.json"
    command = [sys.executable, "-m", "textkit", "analyze", doc, "-f", "json", "-o", out,
               "-p", "tkfix_hostile", "--only", "sleeper", "-q"]
    process = subprocess.Popen(command, env=_env(TKFIX_SLEEP="30"), cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


# --- streams and names ------------------------------------------------------------------------


def test_a_broken_pipe_is_its_own_exit_code_with_a_message(tmp_path):
    for i in range(4):
        (tmp_path / f"f{i}.txt").write_text(PROSE * 200, encoding="utf-8")
    shell = f"{sys.executable} -m textkit analyze {tmp_path} -f jsonl -q | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "141", done.stderr
    assert "broken pipe" in done.stderr


def test_a_file_name_with_a_newline_cannot_start_a_workflow_command(cli, tmp_path):
    name = "a\n::error title=x::y ##[error]z.txt"
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    done = cli("analyze", tmp_path / name)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("textkit: error: ")
    assert "##[" not in done.stderr and "\\n::error" in done.stderr


def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(PROSE.encode())
    for fmt in ("json", "markdown", "html", "sarif", "junit", "github", "text"):
        done = subprocess.run(
            [sys.executable, "-m", "textkit", "analyze", folder + b"/caf\xe9.txt", "-f", fmt],
            capture_output=True, env=_env(), cwd=ROOT, timeout=120,
        )
        assert done.returncode == 0, (fmt, done.stderr)
        shown = done.stdout.decode("utf-8")  # valid UTF-8 whatever the name's bytes
        assert "caf\\xe9.txt" in shown.replace("\\\\", "\\").replace("%5C", "\\"), fmt


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
def test_a_time_budget_that_is_not_a_positive_number_is_a_usage_error(cli, doc, value):
    done = cli("analyze", doc, "--time-budget", value)
    assert done.returncode == 2 and "--time-budget must be a positive number" in done.stderr


def test_a_file_that_grew_after_its_size_was_taken_is_read_on_to_the_limit():
    import io

    from textkit.errors import InputError
    from textkit.loading import _read_limited

    # fstat said 4 bytes; 10 are there by the time it is read: all 10 are read.
    assert _read_limited(io.BytesIO(b"0123456789").read, "f", 100, expected=4) == b"0123456789"
    # The size as fstat gave it: one read, the same bytes.
    assert _read_limited(io.BytesIO(b"0123").read, "f", 100, expected=4) == b"0123"
    # Grown past the limit of 6 after fstat said 3: refused, as a file already too large is.
    with pytest.raises(InputError, match="larger than the limit of 6 bytes"):
        _read_limited(io.BytesIO(b"0123456789").read, "f", 6, expected=3)
    # A file that shrank: what is there.
    assert _read_limited(io.BytesIO(b"01").read, "f", 100, expected=4) == b"01"
    # A read that returns fewer bytes than asked before the end (os.read may): read on.
    source = io.BytesIO(b"0123456789")
    assert _read_limited(lambda n: source.read(min(n, 3)), "f", 100, expected=10) == b"0123456789"
    source = io.BytesIO(b"0123456789")
    with pytest.raises(InputError, match="larger than the limit of 6 bytes"):
        _read_limited(lambda n: source.read(min(n, 3)), "f", 6, expected=10)
