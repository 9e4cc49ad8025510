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


class _Visible(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.out = TextBuilder(source)
        self.hidden: list[str] = []
        self._line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._line_starts.append(i + 1)

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
            if self.source[start : start + len(data)] == data:
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
    parser.feed(source)
    parser.close()
    return parser.out.build()
