"""Markdown: the prose of a document, without front matter, code, tables or markup.

markdown-it-py (a CommonMark parser, already needed by rich) finds the block
structure; each prose block's inline tokens are then located in the source
line by line, so every extracted character keeps its original position.
"""

from __future__ import annotations

import bisect
import re

from ..sourcemap import Extracted, TextBuilder

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Blocks whose inline content is not prose.
_SKIP_CONTAINERS = {"table_open": "table_close"}


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", source):
        starts.append(match.end())
    return starts


def extract(source: str) -> Extracted:
    from markdown_it import MarkdownIt  # lazy: only Markdown input pays for the parser

    match = _FRONT_MATTER.match(source)
    # Front matter becomes blank lines, so line numbers of the rest stay true.
    parse_source = re.sub(r"[^\n]", " ", match.group()) + source[match.end() :] if match else source
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(parse_source)
    starts = _line_starts(source)
    out = TextBuilder(source)
    skip_until = None
    for token in tokens:
        if skip_until:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.type in _SKIP_CONTAINERS:
            skip_until = _SKIP_CONTAINERS[token.type]
            continue
        if token.type != "inline" or token.map is None:
            continue
        out.paragraph_break()
        _copy_inline(token, source, starts, out)
    return out.build()


def _locate_lines(token, source: str, starts: list[int]) -> list[tuple[str, int]]:
    """Each line of the inline token's content with its offset in the source."""
    located = []
    first, _ = token.map
    for i, line in enumerate(token.content.split("\n")):
        line_no = first + i
        if line_no >= len(starts):
            break
        line_start = starts[line_no]
        line_end = starts[line_no + 1] - 1 if line_no + 1 < len(starts) else len(source)
        raw = source[line_start:line_end]
        # The content line is the source line minus block prefixes ("> ", "- ", indentation).
        at = raw.rfind(line.strip()) if line.strip() else -1
        located.append((line, line_start + at if at >= 0 else -1))
    return located


def _copy_inline(token, source: str, starts: list[int], out: TextBuilder) -> None:
    lines = _locate_lines(token, source, starts)
    content = token.content
    # Offset of each content line start inside ``content``.
    content_line_starts, pos = [], 0
    for line, _ in lines:
        content_line_starts.append(pos)
        pos += len(line) + 1

    def source_of(content_offset: int) -> int:
        i = bisect.bisect_right(content_line_starts, content_offset) - 1
        line, src = lines[i]
        if src < 0:
            return -1
        stripped_at = line.find(line.strip()) if line.strip() else 0
        return src + (content_offset - content_line_starts[i] - stripped_at)

    cursor = 0
    for child in token.children or ():
        if child.type == "text":
            found = content.find(child.content, cursor)
            if found < 0 or not child.content:
                continue
            src = source_of(found)
            if src >= 0 and source[src : src + len(child.content)] == child.content:
                out.copy(src, src + len(child.content))
            else:
                out.put(child.content, max(src, 0))
            cursor = found + len(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.gap("\n")
        elif child.type == "code_inline":
            # Inline code is not prose: skipped.
            found = content.find(child.content, cursor)
            if found >= 0:
                cursor = found + len(child.content)
        elif child.type == "image":
            found = content.find(")", cursor)
            cursor = found + 1 if found >= 0 else cursor
