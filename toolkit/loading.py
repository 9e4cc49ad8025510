"""Read a document from a path or stdin and decode it, without ever writing to it."""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import Callable

from .document import Document
from .errors import InputError
from .escape import display_name
from .limits import DEFAULT_MAX_BYTES
from .model import Loader


# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of ``path`` (``"-"`` for stdin), refusing anything but a regular file, and oversize input.

    A FIFO or device would block or never end; pipe it in as ``-`` instead.
    At most ``max_bytes + 1`` bytes are read, so a file that grows while it is
    read is refused at the limit like one that was already too large.
    """
    if str(path) == "-":
        return _read_limited(sys.stdin.buffer.read, "<stdin>", max_bytes)
    name = display_name(str(path))
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory, not a text file")
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
            raise InputError(f"{name}: is {kind}, not a regular file; to read it, pipe it in: textkit analyze - < {name}")
        # Read straight from the descriptor: O_NONBLOCK does nothing to a regular file's reads, and a
        # buffered file object would cost its own system calls and buffer for one read of a small file.
        return _read_limited(functools.partial(os.read, fd), name, max_bytes, expected=status.st_size)
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)


def _read_limited(read: Callable[[int], bytes], name: str, max_bytes: int, expected: int | None = None) -> bytes:
    """Up to ``max_bytes + 1`` bytes from ``read(n)`` (which may return fewer than ``n`` before the end)."""
    wanted = max_bytes + 1
    # A buffer of the file's own size, not of the limit: asking for 2 MiB per
    # small file made every read map and unmap 2 MiB (a third of a warm --cache
    # run's time). Only a file that grew since fstat is read on, up to the limit.
    asked = expected + 1 if expected is not None and expected + 1 < wanted else wanted
    chunks, size = [], 0
    while size < wanted:
        chunk = read(asked - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size == asked:
            asked = wanted
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
    return data


def check_encoding(name: str, what: str = "--encoding") -> None:
    """Refuse names Python does not know, and codecs that do not turn bytes into text (rot13, base64)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        raise InputError(f"{what}: unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{what}: {name!r} is not a text encoding")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return (text, encoding used).

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are recognised;
    anything else must decode cleanly under a detected encoding or the one
    the caller names, else it is refused rather than analysed as garbage.
    """
    text, used = decode_unchecked(data, name, encoding)
    return check_text(text, name), used


def decode_unchecked(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """:func:`decode` without :func:`check_text` (empty or binary-looking text is not refused here)."""
    if encoding:
        check_encoding(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
        except Exception as exc:  # a codec that fails its own way (utf-7 on some input, say)
            raise InputError(f"{name}: cannot decode as {encoding} ({type(exc).__name__})") from None
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            text = text.removeprefix("\ufeff")
        return text, encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: not valid {codec} (byte {exc.start})") from None
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    guessed = _detect(data)
    if guessed is None:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {utf8_error}) and no other encoding fits; name one with --encoding"
        )
    return data.decode(guessed), guessed


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only non-UTF-8 input pays for this import

    best = from_bytes(data).best()
    if best is None:
        return None
    if best.encoding == "cp1250":
        return _western_or_central(data)
    return best.encoding


# Letters common in the languages each code page serves; the rest of a code page's letters are rare.
# On short input charset_normalizer often takes Western text (Latin-1/cp1252) for cp1250
# ("naïve" read as "naďve"); the decoding made of more common letters wins.
_COMMON_LETTERS = set(
    "éèàçüöäñíóáúêôâîßûïëãõøåæœ" "ÉÈÀÇÜÖÄÑÍÓÁÚÊÔÂÎÛÏËÃÕØÅÆŒ"
    "šžčřěůýłąęśćżźńőű" "ŠŽČŘĚŮÝŁĄĘŚĆŻŹŃŐŰ"
)
_PROSE_SYMBOLS = set("“”‘’‚„–—…€«»°©®™•·£§\u00a0")


def _western_or_central(data: bytes) -> str:
    """cp1252 or cp1250, whichever decodes ``data`` into more common letters (cp1252 on a tie)."""

    def score(codec: str) -> float | None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        total = 0.0
        for ch in text:
            if ord(ch) < 128 or ch in _PROSE_SYMBOLS:
                continue
            if not ch.isalpha():
                return None  # "¿" or "³" inside words: not this code page
            total += 1.0 if ch in _COMMON_LETTERS else 0.3
        return total

    western, central = score("cp1252"), score("cp1250")
    if western is not None and (central is None or western >= central):
        return "cp1252"
    return "cp1250"


# Control characters other than whitespace (\t \n \v \f \r) mean this is not prose. Counted in the
# text's UTF-8 bytes, in C: each is one byte there, and every byte of any other character is >= 0x80.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))


def check_text(text: str, name: str) -> str:
    """``text`` unless it is empty or looks binary (control characters in its first 64K characters)."""
    if not text.strip():
        raise InputError(f"{name}: is empty (nothing to analyze)")
    sample = text[:65536].encode("utf-8", "surrogatepass")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, min(len(text), 65536) // 100):
        raise InputError(f"{name}: looks like a binary file (control characters)")
    return text


def load_path(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    loader: Loader | None = None,
) -> Document:
    """Read and decode ``path`` (or ``"-"`` for stdin) into a :class:`Document`.

    ``loader`` extracts the prose from markup (Markdown, HTML); without one
    the file is plain text.
    """
    return load_bytes(read_bytes(path, max_bytes), source_name(path), encoding=encoding, loader=loader)


def source_name(path: str | os.PathLike[str]) -> str:
    """How a path is named in reports and messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if str(path) == "-" else display_name(str(path))


def load_bytes(
    data: bytes,
    name: str,
    *,
    encoding: str | None = None,
    loader: Loader | None = None,
    decoded: tuple[str, str] | None = None,
) -> Document:
    """The :class:`Document` of a file's bytes (see :func:`load_path`); ``decoded`` is
    :func:`decode_unchecked`'s result when the caller already has it."""
    text, used = decoded or decode_unchecked(data, name, encoding)
    check_text(text, name)
    extracted = None
    if loader is not None and loader.name != "text":
        try:
            extracted = loader.extract(text)
        except Exception as exc:
            raise InputError(f"{name}: cannot read as {loader.name} ({type(exc).__name__}: {exc})") from None
        if not extracted.text.strip():
            raise InputError(f"{name}: no prose found in this {loader.name} file")
    document = Document(
        extracted.text if extracted else text,
        source=name,
        encoding=used,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extracted=extracted,
        input_format=input_format(loader),
    )
    document.load_warnings = list(extracted.warnings) if extracted else []  # the run prints them
    return document


def input_format(loader: Loader | None) -> str:
    """The name a document read with ``loader`` records as its format."""
    return loader.name if loader else "text"
