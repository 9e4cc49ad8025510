"""Map offsets in extracted prose back to the file it came from.

A Markdown or HTML loader hands analyzers the prose only (no code blocks, no
tags), but findings must point at the line and column of the original file.
An :class:`Extracted` text records, for every run of characters copied from
the source, where that run started there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# A line ends at \r\n, \n or a lone \r (old Mac files), as CommonMark and editors count lines.
_LINE_BREAK = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line of ``text``, whatever its line endings."""
    if "\r" in text:
        return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    # Only "\n" ends a line: each found by str.find in C rather than by the pattern tried at every character.
    starts, find = [0], text.find
    at = find("\n")
    while at >= 0:
        at += 1
        starts.append(at)
        at = find("\n", at)
    return starts


@dataclass
class Extracted:
    """Prose pulled out of a marked-up source, with the way back.

    ``pieces`` are ``(text_start, source_start, length)`` for every run of
    ``text`` copied verbatim (or as one decoded character) from ``source``,
    in increasing order. Characters of ``text`` between pieces (paragraph
    breaks the loader inserted) map to the end of the previous piece.
    """

    text: str
    source: str
    pieces: list[tuple[int, int, int]] = field(default_factory=list)
    # What a reader should know about how the text was extracted (markup read as plain text, say).
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def identity(cls, text: str) -> "Extracted":
        return cls(text, text, [(0, 0, len(text))])


class TextBuilder:
    """Accumulates extracted text and its pieces, one copied run at a time."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []
        self.length = 0

    def copy(self, source_start: int, source_end: int) -> None:
        """Append source[source_start:source_end] verbatim."""
        self.put(self.source[source_start:source_end], source_start)

    def put(self, text: str, source_start: int) -> None:
        """Append ``text`` that stands for the source at ``source_start`` (e.g. a decoded entity)."""
        if not text:
            return
        last = self.pieces[-1] if self.pieces else None
        if last and last[0] + last[2] == self.length and last[1] + last[2] == source_start and text == self.source[source_start : source_start + len(text)]:
            self.pieces[-1] = (last[0], last[1], last[2] + len(text))  # contiguous: extend
        else:
            self.pieces.append((self.length, source_start, len(text)))
        self.parts.append(text)
        self.length += len(text)

    def gap(self, text: str) -> None:
        """Append characters that are not in the source (paragraph breaks)."""
        self.parts.append(text)
        self.length += len(text)

    def paragraph_break(self) -> None:
        joined_tail = "".join(self.parts[-2:])
        if self.length and not joined_tail.endswith("\n\n"):
            self.gap("\n\n" if not joined_tail.endswith("\n") else "\n")

    def build(self) -> Extracted:
        text = "".join(self.parts)
        end = len(text.rstrip())
        return Extracted(text[:end], self.source, [p for p in self.pieces if p[0] < end])


class SourceMap:
    """Answers "where in the source is this text offset?" in O(log n)."""

    def __init__(self, extracted: Extracted) -> None:
        self._pieces = extracted.pieces
        self._starts = [p[0] for p in extracted.pieces]

    def to_source(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self._pieces[0][1] if self._pieces else 0
        text_start, source_start, length = self._pieces[i]
        return source_start + min(offset - text_start, length)
