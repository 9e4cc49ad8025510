"""The ``sentence_window`` setting: per-sentence work cut to a window of a document's first sentences.

An analyzer whose work per sentence costs more than its work per character
(textkit's irony and sentiment) declares :data:`SENTENCE_WINDOW_SETTING` and
analyses :func:`sentence_window` instead of the whole document: prose is never
cut, and a flood of one-word sentences ("Yes. Yes. ...", up to 500,000 per MB)
costs no more per MB than prose. See :meth:`textkit.Document.window`.
"""

from __future__ import annotations

from typing import Any

from .limits import DEFAULT_SENTENCE_WINDOW, WINDOW_CHARS_PER_SENTENCE
from .plugin_settings import Setting

SENTENCE_WINDOW_SETTING = Setting(
    "sentence_window",
    int,
    DEFAULT_SENTENCE_WINDOW,
    f"Analyse at most this many sentences, plus one per {WINDOW_CHARS_PER_SENTENCE} characters of the text "
    "(the first ones: prose is never cut, a flood of one-word sentences is), with a warning when cut.",
    minimum=1,
)


def sentence_window(document, config, analyzer_id: str) -> tuple[Any, list[str]]:
    """The window of ``document`` that analyzer ``analyzer_id``'s ``sentence_window`` setting allows
    (the document itself when it is within it), and the warnings its section should carry."""
    options = config.for_analyzer(analyzer_id) if config is not None else {}
    size, warnings = options.get("sentence_window", DEFAULT_SENTENCE_WINDOW), []
    if not SENTENCE_WINDOW_SETTING.accepts(size):  # a library call's Config is not checked beforehand
        warnings.append(f"{analyzer_id} option sentence_window={size!r} is not a positive integer; using {DEFAULT_SENTENCE_WINDOW}")
        size = DEFAULT_SENTENCE_WINDOW
    window = document.window(size, chars_per_sentence=WINDOW_CHARS_PER_SENTENCE)
    note = window.window_note(f"{analyzer_id}.sentence_window")
    return window, warnings + ([note] if note else [])
