"""The input formats that ship with textkit, registered like any plugin's loaders."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..model import Loader
from ..sourcemap import Extracted
from . import html, markdown


@hookimpl
def register_loaders(register):
    register(Loader("text", ("txt", "text"), Extracted.identity, "Plain text (the default)"))
    register(Loader("markdown", ("md", "markdown", "mdown", "mkd"), markdown.extract, "Markdown: prose only, no code, front matter or tables"))
    register(Loader("html", ("html", "htm", "xhtml"), html.extract, "HTML: the visible text, no scripts or styles"))
