"""Format.write_corpus: a corpus output written as UTF-8 bytes when the output is UTF-8, render_corpus otherwise."""

from __future__ import annotations

from conftest import run_textkit

# A format whose two ways of writing a corpus differ, so a test can tell which one ran.
WRITER = '''
from textkit import Format, hookimpl


def render(report, options=None):
    return report.document.source + "\\n"


def render_corpus(corpus, options=None):
    return f"as str: {len(corpus.summary.rows)} documents\\n"


def write_corpus(corpus, options, stream):
    if any("broken" in row["source"] for row in corpus.summary.rows):
        raise RuntimeError("the writer broke")
    stream.write(f"as bytes: {len(corpus.summary.rows)} documents, caf\\u00e9\\n".encode("utf-8"))


@hookimpl
def register_formats(register):
    register(Format("both", render, "txt", "str or bytes", render_corpus, write_corpus=write_corpus))
'''


def setup(tmp_path, first="a.txt"):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "writer.py").write_text(WRITER)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / first).write_text("One plain sentence.\n")
    (docs / "b.txt").write_text("Another plain sentence.\n")
    return ["analyze", docs, "-p", "writer", "-f", "both", "--only", "readability", "-q"]


def test_a_utf8_output_gets_the_bytes_and_another_encoding_the_str(tmp_path):
    args = setup(tmp_path)
    site = [tmp_path / "site"]
    assert run_textkit(*args, pythonpath=site).stdout == "as bytes: 2 documents, café\n"  # a UTF-8 pipe
    assert run_textkit(*args, "-o", tmp_path / "out.txt", pythonpath=site).returncode == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "as bytes: 2 documents, café\n"  # a file
    latin = run_textkit(*args, pythonpath=site, env={"PYTHONIOENCODING": "latin-1"})
    assert latin.returncode == 0 and latin.stdout == "as str: 2 documents\n"


def test_a_writer_that_fails_is_the_plugins_failure_in_one_line(tmp_path):
    args = setup(tmp_path, first="broken.txt")
    done = run_textkit(*args, "-o", tmp_path / "out.txt", pythonpath=[tmp_path / "site"])
    assert done.returncode == 3
    assert done.stderr == "textkit: error: format 'both' of plugin 'writer' failed: RuntimeError: the writer broke\n"
    assert not (tmp_path / "out.txt").exists()  # nothing half-written


def test_pieces_written_a_few_at_a_time_are_the_joined_text():
    import io

    from textkit.formats.json_format import write_pieces

    pieces = ["{", '"é": ', '"€ \\u2028"', ",\n", "😀", "}", "\n"]
    for chunk in (1, 2, 3, 100):
        stream = io.BytesIO()
        write_pieces(stream, pieces, chunk)
        assert stream.getvalue() == "".join(pieces).encode("utf-8") == '{"é": "€ \\u2028",\n😀}\n'.encode("utf-8")
