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


# markdown-it-py's cost, in microseconds, per character and per thing it works hardest on (measured
# on a loaded machine, so with room to spare): lines, list items, and inline delimiters, of which a
# dense run ("*a" or "![a" repeated, or 1-character lines) costs it 5-15 s per MB.
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_COSTS = {"\n": 20, "*": 12, "_": 12, "~": 12, "[": 17, "![": 30, "`": 8, "<": 4, "&": 3, "\\": 3}
# A document estimated to take longer than this (s per MB of it) is read as plain text instead:
# textkit's bound is 2 s per MB. Ordinary Markdown (this project's docs) estimates at 0.6 s per MB;
# a whole file of changelog lines or of table rows at 1.5-1.7, of table-of-contents links at 2.0.
MAX_SECONDS_PER_MB = 2.0
_SMALL = 0.01  # seconds that any document may take, however small


def parse_cost(source: str) -> float:
    """The estimated seconds markdown-it takes on ``source``: one linear pass of ``str.count``."""
    micros = 0.1 * len(source) + 25 * len(_LIST_ITEM.findall(source))
    micros += sum(weight * source.count(mark) for mark, weight in _COSTS.items())
    return micros / 1e6


def extract(source: str) -> Extracted:
    match = _FRONT_MATTER.match(source)
    cost = parse_cost(source)
    if cost > max(_SMALL, MAX_SECONDS_PER_MB * len(source) / 1e6):
        return _plain(source, match.end() if match else 0, cost)
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


def _plain(source: str, start: int, cost: float) -> Extracted:
    """The source after its front matter, markup and all, with a warning saying why."""
    out = TextBuilder(source)
    out.copy(start, len(source))
    extracted = out.build()
    per_mb = cost / max(len(source), 1) * 1e6
    extracted.warnings.append(
        f"Markdown markup too dense to parse in time (about {per_mb:.0f} s per MB; the bound is "
        f"{MAX_SECONDS_PER_MB:g}): read as plain text, markup included"
    )
    return extracted


def _parse(source: str) -> list:
    """markdown-it tokens of ``source``: blocks at any nesting depth, inline markup bounded.

    markdown-it's one nesting cap (20) covers both. For blocks it silently
    drops what is deeper (191 of 200 list items were lost), so blocks are
    parsed without it; inline markup (image alt text parsed inside image alt
    text...) keeps it, since without it "![a" repeated is cubic.
    """
    from markdown_it import MarkdownIt  # lazy: only Markdown input pays for the parser
    from markdown_it.rules_core import StateCore, inline, text_join

    blocks = MarkdownIt("commonmark", {"maxNesting": 10**9}).enable("table").enable("strikethrough")
    blocks.disable("inline")
    env: dict = {}  # link reference definitions found in the blocks, used by the inline pass
    tokens = _deep(lambda: blocks.parse(source, env), source)
    inlines = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    state = StateCore(source, inlines, env, tokens)
    inline(state)
    text_join(state)
    return tokens


def _deep(parse, source: str):
    """``parse()``, in a thread with a big stack and recursion limit if the nesting is too deep for this one.

    Block parsing recurses a few frames per nesting level, and nesting needs
    indentation or markers, so depth is at most the longest line's length.
    """
    try:
        return parse()
    except RecursionError:
        pass
    import sys
    import threading

    outcome: dict = {}

    def work() -> None:
        try:
            outcome["tokens"] = parse()
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

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
    if "error" in outcome:
        raise outcome["error"]
    return outcome["tokens"]


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
