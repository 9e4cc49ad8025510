"""Markdown: the prose of a document, without front matter, code, tables or markup.

markdown-it-py (a CommonMark parser, already needed by rich) finds the block
structure; each prose block's inline tokens are then located in the source
line by line, so every extracted character keeps its original position.
"""

from __future__ import annotations

import bisect
import re

from ..sourcemap import Extracted, TextBuilder, line_starts

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Blocks whose inline content is not prose.
_SKIP_CONTAINERS = {"table_open": "table_close"}


def extract(source: str) -> Extracted:
    match = _FRONT_MATTER.match(source)
    # Front matter becomes blank lines, so line numbers of the rest stay true.
    parse_source = re.sub(r"[^\n]", " ", match.group()) + source[match.end() :] if match else source
    tokens = _parse(parse_source)
    starts = line_starts(source)
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


def _parse(source: str) -> list:
    """markdown-it tokens of ``source``, at any nesting depth.

    markdown-it stops at 20 nested blocks by default and silently drops what
    is deeper (191 of 200 list items were lost); without that cap it recurses
    a few frames per level, so a document nested deeper than Python's
    recursion limit allows is parsed in a thread with a stack big enough for it.
    """
    from markdown_it import MarkdownIt  # lazy: only Markdown input pays for the parser

    parser = MarkdownIt("commonmark", {"maxNesting": 10**9}).enable("table").enable("strikethrough")
    try:
        return parser.parse(source)
    except RecursionError:
        pass
    import sys
    import threading

    result: list = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.extend(parser.parse(source))
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    # Nesting needs indentation, so depth is at most the longest line's length.
    depth = max(map(len, source.split("\n")), default=0)
    old_limit, old_stack = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(max(old_limit, min(8 * depth + 1000, 200_000)))
    threading.stack_size(512 * 1024 * 1024)
    try:
        worker = threading.Thread(target=work, name="textkit-markdown")
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if failure:
        raise failure[0]
    return result


def _locate_lines(token, source: str, starts: list[int]) -> list[tuple[str, int]]:
    """Each line of the inline token's content with its offset in the source."""
    located = []
    first, _ = token.map
    for i, line in enumerate(token.content.split("\n")):
        line_no = first + i
        if line_no >= len(starts):
            break
        line_start = starts[line_no]
        line_end = starts[line_no + 1] if line_no + 1 < len(starts) else len(source)
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
    # Where each line's text starts after its indentation: computed once per line, since
    # doing it per child is quadratic on one long line of markup ("*a" 50,000 times).
    indents = []
    for line, _ in lines:
        content_line_starts.append(pos)
        pos += len(line) + 1
        indents.append(len(line) - len(line.lstrip()) if line.strip() else 0)

    def source_of(content_offset: int) -> int:
        i = bisect.bisect_right(content_line_starts, content_offset) - 1
        src = lines[i][1]
        if src < 0:
            return -1
        return src + (content_offset - content_line_starts[i] - indents[i])

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
