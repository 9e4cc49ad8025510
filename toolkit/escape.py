"""Text from outside (file names, document excerpts, plugin messages) made safe for where it is written.

Formats escape for their own syntax; this module holds what is shared: a
file name that is not valid UTF-8, and one line on stderr, which a CI runner
parses for workflow commands.
"""

from __future__ import annotations

import re

# C0/C1 controls, DEL, line and paragraph separators, bidirectional overrides
# ("Trojan Source") and lone surrogates: never written raw to a terminal line.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_name(path: str) -> str:
    """A path as valid Unicode: bytes that are not UTF-8 (and control characters) shown as ``\\xNN``."""
    return _UNSAFE.sub(_escaped, path) if _UNSAFE.search(path) else path


def stderr_line(text: str) -> str:
    """``text`` as one inert line: no line breaks or controls, no ``##[`` legacy workflow command.

    Lines textkit writes start with "textkit: ", so they cannot start a
    ``::command::`` either; this makes sure what follows stays on that line.
    """
    return _UNSAFE.sub(_escaped, text).replace("##[", "#\u200b#[")


_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_text(text: str) -> str:
    """``text`` for a terminal: escape sequences and other controls shown as ``\\xNN`` (line breaks kept)."""
    return _TERMINAL_UNSAFE.sub(_escaped, text) if _TERMINAL_UNSAFE.search(text) else text
