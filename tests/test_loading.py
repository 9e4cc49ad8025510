"""Reading and decoding input: what is accepted, what is refused, and how."""

from __future__ import annotations

import codecs
import hashlib
import os

import pytest

from textkit import InputError, load_path
from textkit.loading import decode
from textkit.output import write_atomic


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_and_without_bom(tmp_path):
    plain = load_path(write(tmp_path, "a.txt", "café ’quoted’".encode()))
    bom = load_path(write(tmp_path, "b.txt", codecs.BOM_UTF8 + "café ’quoted’".encode()))
    assert plain.text == bom.text == "café ’quoted’"
    assert plain.encoding == "utf-8" and bom.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    doc = load_path(write(tmp_path, "u.txt", "Ünïcode text.".encode(codec)))
    assert doc.text == "Ünïcode text."


def test_latin1_is_detected_and_named_encoding_is_used(tmp_path):
    data = "Le café est très bon. Les élèves étaient à l’école.".replace("’", "'").encode("latin-1")
    path = write(tmp_path, "l.txt", data)
    assert load_path(path).text == data.decode("latin-1")
    named = load_path(path, encoding="latin-1")
    assert named.text == data.decode("latin-1") and named.encoding == "latin-1"


def test_document_metadata_describes_the_bytes_read(tmp_path):
    data = codecs.BOM_UTF8 + b"Hello world."
    doc = load_path(write(tmp_path, "m.txt", data))
    assert doc.size_bytes == len(data) == 15
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source.endswith("m.txt")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"  \n\t\n ", "is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (control characters)"),
    ],
)
def test_refused_inputs(tmp_path, data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_path(write(tmp_path, "bad.txt", data))


def test_undecodable_under_a_named_encoding(tmp_path):
    with pytest.raises(InputError, match=r"not valid utf-8 \(byte 5\)"):
        load_path(write(tmp_path, "x.txt", b"hello\xff\xfe world"), encoding="utf-8")


def test_unknown_encoding_name(tmp_path):
    with pytest.raises(InputError, match="unknown encoding 'nope'"):
        load_path(write(tmp_path, "x.txt", b"hello"), encoding="nope")


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"word " * 100)
    with pytest.raises(InputError, match="larger than"):
        load_path(path, max_bytes=499)
    assert len(load_path(path, max_bytes=500).text) == 500


def test_input_file_is_never_modified(tmp_path):
    path = write(tmp_path, "keep.txt", "Some text. More text.".encode())
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    load_path(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_decode_strips_bom_when_utf8_is_named():
    text, used = decode(codecs.BOM_UTF8 + b"abc def", "x", encoding="utf-8")
    assert text == "abc def" and used == "utf-8"


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old content that is longer than the new one")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_into_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "r.json", "x")


def test_atomic_writer_leaves_the_old_file_when_the_run_fails(tmp_path):
    from textkit.output import atomic_writer

    target = tmp_path / "reports.jsonl"
    target.write_text("previous run\n")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as handle:
            handle.write('{"partial": true}\n')
            raise RuntimeError("interrupted")
    assert target.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reports.jsonl"]


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("A naïve café owner said the crème brûlée was très bon.", "latin-1"),
        ("Rødgrød med fløde på æble, sagde han.", "latin-1"),
        ("Ich möchte Äpfel und Öl, sagte Günther.", "latin-1"),
        ("Zażółć gęślą jaźń, powiedział.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Dobrý den, jak se máte? Děkuji, dobře.", "cp1250"),
    ],
)
def test_short_western_and_central_european_files_decode_to_their_text(text, encoding):
    from textkit.loading import decode

    assert decode(text.encode(encoding), "x")[0] == text


@pytest.mark.parametrize("name", ["rot13", "base64", "hex", "zlib"])
def test_codecs_that_are_not_text_encodings_are_refused(name):
    from textkit.loading import decode

    with pytest.raises(InputError, match="not a text encoding"):
        decode(b"hello there", "x", name)


def test_utf7_that_does_not_decode_is_an_input_error():
    from textkit.loading import decode

    with pytest.raises(InputError, match="utf-7"):
        decode(b"caf\xe9 +AGE-", "x", "utf-7")


def test_control_characters_are_counted_as_a_character_scan_counts_them():
    """check_text counts control characters in the text's UTF-8 bytes: the same count as scanning the
    characters, whatever else the text holds (accents, emoji, a lone surrogate)."""
    import random
    import re

    from textkit.loading import check_text

    scan = re.compile(r"[\x00-\x08\x0e-\x1f]")
    alphabet = ["a", " ", "\x00", "\x08", "\t", "\n", "\r", "\x0e", "\x1f", "\x7f", "\x80", "é", "€", "😀", "\ud800"]
    pick = random.Random(9).choice
    for size in (1, 50, 150, 900):
        for _ in range(300):
            text = "x" + "".join(pick(alphabet) for _ in range(size))
            controls = len(scan.findall(text, 0, 65536))
            refused = controls > max(8, min(len(text), 65536) // 100)
            if refused:
                with pytest.raises(InputError, match="binary"):
                    check_text(text, "f")
            else:
                assert check_text(text, "f") == text
    # At the threshold by hand: 1,000 characters allow 10 control characters, not 11 (é and 😀 around them).
    assert check_text("é😀" * 495 + "\x01" * 10, "f")
    with pytest.raises(InputError, match="binary"):
        check_text("é😀" * 495 + "\x01" * 11, "f")
    # Only the first 65,536 characters are looked at.
    assert check_text("é" * 65536 + "\x01" * 1000, "f")
