"""HTML: the visible text of a page, without scripts, styles or markup.

The standard library's HTMLParser reports where each piece of text starts,
so every extracted character maps back to its line and column in the file.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from ..sourcemap import Extracted, TextBuilder

_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "title", "tr", "ul",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


# Stands in for a "<" that can never start markup; same length, so positions stay true.
_INERT = "\ufffd"


def _defused(source: str) -> str:
    """``source`` with every "<" that cannot open a complete tag or comment replaced by a placeholder.

    HTMLParser rescans to the end of the input for each such "<" (an unclosed
    tag, comment or CDATA section), which is quadratic: 20,000 unclosed "<a"
    took 40 s. A "<" with no ">" anywhere after it, or a "<!--" / "<![CDATA["
    with no end marker after it, is text either way, so it is made inert here.
    """
    last_close = source.rfind(">")
    last_comment_end = source.rfind("-->")
    last_cdata_end = source.rfind("]]>")
    chars = None
    start = source.find("<")
    while start != -1:
        inert = (
            start > last_close
            or (source.startswith("<!--", start) and start + 4 > last_comment_end)
            or (source.startswith("<![", start) and start + 3 > last_cdata_end)
        )
        if inert:
            if chars is None:
                chars = list(source)
            chars[start] = _INERT
        start = source.find("<", start + 1)
    return "".join(chars) if chars is not None else source


class _Visible(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.fed = _defused(source)
        self.out = TextBuilder(source)
        self.hidden: list[str] = []
        # HTMLParser counts lines by "\n" only.
        self._line_starts = [0, *(i + 1 for i, ch in enumerate(source) if ch == "\n")]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _INVISIBLE and tag not in _VOID:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.out.paragraph_break()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.out.paragraph_break()

    def handle_endtag(self, tag):
        if self.hidden and tag == self.hidden[-1]:
            self.hidden.pop()
        elif tag in _BLOCKS:
            self.out.paragraph_break()

    def handle_data(self, data):
        if not self.hidden and data:
            start = self._offset()
            if self.fed[start : start + len(data)] == data:  # copied as is (placeholders become "<" again)
                self.out.copy(start, start + len(data))
            else:
                self.out.put(data, start)

    def _reference(self, raw: str) -> None:
        if not self.hidden:
            self.out.put(html.unescape(raw), self._offset())

    def handle_entityref(self, name):
        self._reference(f"&{name};")

    def handle_charref(self, name):
        self._reference(f"&#{name};")


def extract(source: str) -> Extracted:
    parser = _Visible(source)
    parser.feed(parser.fed)
    parser.close()
    return parser.out.build()
