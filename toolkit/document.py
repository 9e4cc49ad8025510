"""The loaded document every analyzer receives."""

from __future__ import annotations

import bisect
import hashlib
import threading
from functools import cached_property
from operator import attrgetter
from typing import Any, Callable, Mapping, TypeVar

from .model import Finding

_new_finding = object.__new__
from .segment import Paragraph, Segmentation, Sentence, Word, segment
from .sourcemap import Extracted, SourceMap, line_starts

T = TypeVar("T")
_BOILERPLATE = attrgetter("boilerplate")
_WINDOW_MEMO = "textkit.window"


class Document:
    """A text with its segmentation, positions and a per-document memo.

    The text is segmented once, on first use, and every analyzer shares that
    segmentation. Character offsets everywhere in textkit index into
    ``document.text`` (Python string positions, after a byte-order mark was
    removed); :meth:`position` turns one into a 1-based line and column.
    """

    _window_of: Document | None = None  # the whole document, when this is a :meth:`window` of it

    def __init__(
        self,
        text: str,
        *,
        source: str = "<text>",
        encoding: str = "utf-8",
        size_bytes: int | None = None,
        sha256: str | None = None,
        extracted: Extracted | None = None,
        input_format: str = "text",
    ) -> None:
        self.text = text
        # Set when the text was extracted from markup: positions then refer to the original file.
        self._source_map = SourceMap(extracted) if extracted is not None and extracted.source is not text else None
        self._source_text = extracted.source if self._source_map else text
        self.input_format = input_format
        self.source = source
        self.encoding = encoding
        encoded = None if (size_bytes is not None and sha256 is not None) else text.encode("utf-8")
        self.size_bytes = size_bytes if size_bytes is not None else len(encoded)
        self.sha256 = sha256 if sha256 is not None else hashlib.sha256(encoded).hexdigest()
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Document(source={self.source!r}, chars={len(self.text)})"

    @cached_property
    def segmentation(self) -> Segmentation:
        return segment(self.text)

    @property
    def segmentation_warnings(self) -> tuple[str, ...]:
        """What a reader should know about the sentences found (empty for ordinary text);
        nothing before the document is segmented."""
        done = self.__dict__.get("segmentation")
        return done.warnings if done is not None else ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.segmentation.paragraphs

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.segmentation.sentences

    @property
    def words(self) -> tuple[Word, ...]:
        """Each word as a :class:`Word`, made from the word columns on first use (see ``word_texts``)."""
        return self.segmentation.words

    @property
    def word_texts(self) -> tuple[str, ...]:
        """Each word's text, in order: ``[w.text for w in document.words]`` without a Word object per word."""
        return self.segmentation.word_texts

    @property
    def word_starts(self) -> tuple[int, ...]:
        """Each word's start offset, in order (``word.start``)."""
        return self.segmentation.word_starts

    @property
    def word_ends(self) -> tuple[int, ...]:
        """Each word's end offset, in order (``word.end``)."""
        return self.segmentation.word_ends

    @cached_property
    def prose_sentences(self) -> tuple[Sentence, ...]:
        """Sentences outside trailing web-page chrome ("Share.", "Leave A Reply")."""
        paragraphs = self.paragraphs
        if not any(map(_BOILERPLATE, paragraphs)):
            return self.sentences
        return tuple(s for s in self.sentences if not paragraphs[s.paragraph].boilerplate)

    def words_of(self, sentence: Sentence) -> tuple[Word, ...]:
        return self.words[sentence.first_word : sentence.end_word]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, or None between sentences."""
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self._source_text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, in the original file.

        For a Markdown or HTML file that is where the text stands in the
        markup, not in the extracted prose.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the document (0..{len(self.text)})")
        if self._source_map is not None:
            offset = self._source_map.to_source(offset)
        return self._line_column(offset)

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """1-based (line, column) just past ``text[start:end]``, in the original file.

        Counted from the span's last character: in a Markdown or HTML file the
        offset after a span may map past markup that follows it ("**bold**").
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the document (0..{len(self.text)})")
        if end == start or self._source_map is None:
            return self.position(end)
        return self._line_column(self._source_map.to_source(end - 1) + 1)

    def _line_column(self, source_offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, source_offset)
        return line, source_offset - self._line_starts[line - 1] + 1

    def finding(
        self, kind: str, start: int, end: int, message: str, *, severity: str = "info", **data: Any
    ) -> Finding:
        """A :class:`Finding` at ``text[start:end]``, with its line, column and text filled in.

        ``severity`` is ``"info"`` (the default: an observation), ``"warning"``
        or ``"error"``; CI formats map it to their levels.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"finding span {start}..{end} is outside the document")
        if self._source_map is None:  # position() and end_position() on a plain text, without their checks again
            line, column = self._line_column(start)
            end_line, end_column = (line, column) if end == start else self._line_column(end)
        else:
            line, column = self.position(start)
            end_line, end_column = self.end_position(start, end)
        # Finding's frozen __init__ sets its eleven fields one object.__setattr__ at a time (half the
        # cost of a finding; a news text has ~35): the same fields, set at once.
        finding = _new_finding(Finding)
        finding.__dict__.update(
            kind=kind, message=message, start=start, end=end, line=line, column=column,
            text=self.text[start:end], data=data, end_line=end_line, end_column=end_column, severity=severity,
        )  # fmt: skip
        return finding

    def window(self, max_sentences: int, *, chars_per_sentence: int | None = None) -> "Document":
        """The document cut to its first sentences, for per-sentence work that must stay bounded.

        At most ``max_sentences`` sentences, plus one per ``chars_per_sentence``
        characters of the text when that is given (so a longer document gets a
        longer window: prose, at about 100 characters a sentence, is never cut).
        A document with no more sentences than that is returned as it is.
        Otherwise the window is a :class:`Document` whose ``text`` ends where its
        last sentence ends and whose sentences, words and paragraphs are the
        document's own up to there (the last paragraph cut to the window):
        every offset, index and position is the same as in the whole document,
        so findings made on the window are located in the whole one. The
        window has a memo of its own, and every analyzer asking for the same
        window gets the same one (per-sentence work memoised on it is done
        once). ``window.whole`` is the whole document; :meth:`window_note`
        says what was left out.
        """
        if isinstance(max_sentences, bool) or not isinstance(max_sentences, int) or max_sentences < 1:
            raise ValueError(f"max_sentences must be a positive whole number, not {max_sentences!r}")
        whole = self.whole
        allowed = max_sentences + (len(whole.text) // chars_per_sentence if chars_per_sentence else 0)
        if len(whole.sentences) <= allowed:
            return whole
        return whole.memo(f"{_WINDOW_MEMO}.{allowed}", lambda: _first_sentences(whole, allowed))

    @property
    def whole(self) -> "Document":
        """The whole document: itself, or for a :meth:`window` the document it was cut from."""
        return self if self._window_of is None else self._window_of

    def window_note(self, setting: str) -> str | None:
        """A warning for a section computed on a :meth:`window` (None for a whole document): how many
        sentences were analysed of how many, where the window ends, and the ``setting`` that sets it."""
        whole = self._window_of
        if whole is None:
            return None
        line = whole.position(len(self.text))[0]
        return (
            f"analysed the first {len(self.sentences):,} of {len(whole.sentences):,} sentences (up to line {line:,}, "
            f"character {len(self.text):,} of {len(whole.text):,}); raise the setting {setting} to analyse more"
        )

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per document and share it between analyzers.

        Use a key namespaced by what computes it (``"vader.sentences"``).
        Heavy per-document work that more than one analyzer needs goes here,
        so that it is done once however many analyzers ask.
        """
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    @property
    def counts(self) -> "_CallableDict":
        """``{"characters", "lines", "paragraphs", "sentences", "words"}`` (lines of the original file)."""
        return _CallableDict(
            characters=len(self.text),
            lines=len(self._line_starts),
            paragraphs=len(self.paragraphs),
            sentences=len(self.sentences),
            words=len(self.word_texts),
        )

    @property
    def metadata(self) -> "_CallableDict":
        """What the report says about the document: source, sha256, size, encoding, format, counts."""
        return _CallableDict(
            source=self.source,
            sha256=self.sha256,
            size_bytes=self.size_bytes,
            encoding=self.encoding,
            format=self.input_format,
            counts=dict(self.counts),
        )


def _first_sentences(whole: Document, count: int) -> Document:
    """The window of ``whole``'s first ``count`` sentences (see :meth:`Document.window`)."""
    segmentation = whole.segmentation
    last = segmentation.sentences[count - 1]
    end = last.end
    paragraphs = segmentation.paragraphs[: last.paragraph + 1]
    cut = paragraphs[-1]
    if cut.end > end:
        paragraphs = (*paragraphs[:-1], Paragraph(cut.start, end, whole.text[cut.start : end], cut.index, cut.boilerplate))
    window = Document(
        whole.text[:end], source=whole.source, encoding=whole.encoding, size_bytes=whole.size_bytes,
        sha256=whole.sha256, input_format=whole.input_format,
    )
    # Positions are the whole document's: the same source map and line starts serve the window's offsets.
    window._source_map, window._source_text = whole._source_map, whole._source_text
    window.__dict__["_line_starts"] = whole._line_starts
    words = last.end_word
    window.__dict__["segmentation"] = Segmentation(
        paragraphs, segmentation.sentences[:count], segmentation.word_starts[:words],
        segmentation.word_ends[:words], segmentation.word_texts[:words], segmentation.warnings,
    )  # fmt: skip
    window._window_of = whole
    return window


class _CallableDict(dict):
    """A dict that returns itself when called: ``document.counts`` is a property,
    and ``document.counts()`` as written for textkit 0.1 still works."""

    def __call__(self) -> "_CallableDict":
        return self
