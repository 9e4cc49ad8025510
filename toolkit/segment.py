"""Split a text into paragraphs, sentences and words, all with character offsets.

Sentence boundaries come from pysbd (a port of the Golden Rules sentence
boundary detector, which knows abbreviations such as "U.S.", "Mr.", "a.m.",
decimals, quotations and ellipses). textkit adds only what pysbd does not do:

* paragraphs are split first, so no sentence runs across a blank line;
* a short line without closing punctuation (a headline, a list item, web-page
  chrome) ends its sentence at the line break, unless the next line carries on
  in lower case; a closing quote or bracket alone is not closing punctuation
  (a headline can end in a quotation);
* a line that starts with a list marker ("- ", "* ", "• ", "1. ", "2) ",
  "(a) ") starts a sentence, and three or more short lines none of which is
  closed are a list, in lower case too ("features\ncontact manager\n...");
* any other line break inside a block is wrapping: pysbd sees a space there;
* two pieces of pysbd output are one sentence when no space separates them
  (pysbd cuts URLs and e-mail addresses at "?"), when the second has no word
  (a stray quotation mark), when the second starts in lower case after a
  closing quotation mark ("“Why?” she asked"), or when the first does not end
  in closing punctuation (pysbd cuts inline enumerations such as "(a) stay,
  (b) leave") unless both start with a list item's marker ("1) The first
  item 2) The second item");
* an initialism with periods ("U.S.", "a.m.") or a single capital and period
  ("Plan B.") followed by a capitalised pronoun, determiner or conjunction
  ("Their", "But") ends a sentence (pysbd knows only a few such words, and
  only after "U.S.", "U.K." and "E.U."; after a single capital, pysbd takes
  every capitalised word for a name);
* a quotation holding more than one sentence is cut between them, as the Penn
  Treebank does (pysbd never cuts inside quotation marks), where the next
  sentence starts with a capital or a digit ("“Stop!” she said" stays whole);
* a closing quotation mark that pysbd put at the start of the next sentence
  goes back to the sentence it closes.

For speed, pysbd is given only what is ambiguous: a block is first cut where
a sentence surely ends, and a piece with nothing ambiguous in it is a
sentence as it stands (sentence_breaks.py); pysbd itself runs with its
patterns compiled once (pysbd_fast.py).

The team's test set of hard cases is evaluation/data/sentences.json; the
Golden Rules for English are evaluation/data/golden_rules_en.json.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from bisect import bisect_left
from collections import deque
from functools import cached_property, partial
from itertools import accumulate, chain, compress, count, pairwise, repeat
from operator import add, attrgetter, sub
from typing import Iterator

from .collector import bulk
from .model import Span
from .pysbd_fast import sentences as pysbd_sentences
from .sentence_breaks import NOT_PLAIN as _MAY_END_SENTENCE
from .sentence_breaks import is_plain, sure_cuts

# Paragraphs are separated by one or more blank lines (a group: split keeps the breaks).
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t\r\f\v]*\n\s*)")

# A word: an initialism ("U.S.", "a.m."), or a run of letters/digits that may
# contain apostrophes, hyphens, periods or commas between them ("don’t",
# "re-enforced", "3.5", "170,000"). Punctuation alone is never a word.
# Written to start with one character class, which lets re's scan skip
# spaces and punctuation in C without trying the alternatives at each: the
# first character, then either the rest of an initialism (a period, after a
# letter: the period is tried first, most words have none; then letter-period
# pairs) or the rest of the run. The same matches as (?:[^\W\d_]\.){2,}|[^\W_]+(?:[’'\-‐‑][^\W_]+|[.,]\d+)*:
# possessive repeats (never given back) since nothing after them could use
# what they would give back.
_WORD_PATTERN = (
    r"[^\W_](?:\.(?<=[^\W\d_]\.)(?:[^\W\d_]\.)++"
    r"|[^\W_]*+(?:[’'\-\u2010\u2011][^\W_]++|[.,]\d++)*+)"
)
if sys.version_info < (3, 11):  # possessive repeats came with 3.11; greedy ones find the same words, a little slower
    _WORD_PATTERN = _WORD_PATTERN.replace("++", "+").replace("*+", "*")
_WORD = re.compile(_WORD_PATTERN, re.UNICODE)
# The same words with the text between them: split keeps what a group matched.
_WORD_AND_GAPS = re.compile(f"({_WORD.pattern})")
# Runs an iterator to its end, keeping nothing (for maps whose calls are what counts).
_consume = partial(deque, maxlen=0)

# A line is closed by sentence punctuation, maybe followed by closing quotes
# or brackets; a line that is not closed is not prose.
_CLOSED_LINE = re.compile(r"[.!?…:;][\"”’')\]]*$")
# The same test without re (see _is_closed).
_LINE_CLOSERS, _LINE_STOPS = "\"”’')]", frozenset(".!?…:;")
_CLOSING = re.compile(r"[.!?…:;]")
_HEADLINE_MAX_WORDS = 12
_NON_SPACE = re.compile(r"\S")
_SPACE_RUN = re.compile(r"\s+")
_SHORT_LIST_MIN_LINES, _SHORT_LIST_MAX_WORDS = 3, 4
# A stripped line with more than _SHORT_LIST_MAX_WORDS words (str.split's words: runs of non-space).
_TOO_MANY_WORDS = re.compile(r"(?:\S+\s+){%d}\S" % _SHORT_LIST_MAX_WORDS)
# A list item's marker at the start of a line. Numbers stop at two digits so
# that a wrapped line starting with a year ("2019. Then...") is not an item.
_LIST_MARKER = re.compile(r"(?:[-*•‣◦·–]|\d{1,2}[.)]|[a-z][)]|\([a-z0-9]{1,2}\))\s")
# An item of a list written on one line, at the start of a piece of pysbd output:
# "1.)", "1)", "1.", "a.", "• 9.", "⁃10.".
_INLINE_ITEM = re.compile(r"[•⁃]?\s*(?:\d{1,2}\.?\)|\d{1,2}\.|[a-z][.)])\s")
# A piece of pysbd output ends a sentence when it ends in one of ".!?…",
# maybe followed by closing marks (see _ends_closed).
_CLOSERS = "\"”’')]"
# Words that, capitalised after an initialism such as "U.S.", start a new
# sentence: pronouns, determiners, conjunctions, sentence adverbs. Names and
# nouns ("U.S. Army", "U.S. Open") are not among them.
_STARTERS = frozenset(
    """a an the this that these those there their they them he his she her it its we our you your i my
    but and so yet or then now if when while after before although though because since as
    what who why how where which many most some all each both such meanwhile however still also
    later today yesterday tomorrow""".split()
)
# An initialism with periods ("U.S.", "a.m."), or a single capital ("Plan B.",
# "George W."), then a capitalised word. After a single capital the word must
# have two letters or more: "J. A. Smith" is a name, not "J." + "A ...".
_INITIALISM_THEN_WORD = re.compile(
    r"(?<![^\W\d_])(?:(?:[^\W\d_]\.){2,}(\s+)([A-Z][a-z]*)|[A-Z]\.(\s+)([A-Z][a-z]+))\b"
)
# Where such a cut may be: a period after a letter that is not itself after a
# letter ("B.", "S." of "U.S."), then a space and a capital. Starting at the
# period, the scan is 40 times faster than trying the pattern above at every character.
_INITIALISM_END = re.compile(r"\.(?<=(?<![^\W\d_])[^\W\d_]\.)(?=\s+[A-Z])")
# Double quotation marks, which pysbd reads as protecting what is between them.
_QUOTE_MARKS = re.compile(r"[“”\"]")
_OPENING_QUOTES = "“\""
_CLOSING_QUOTES = "”\"’'"
_INNER_END = re.compile(r"[.!?…][\"”’')\]]*\s")
# Closing marks that pysbd sometimes leaves at the start of the next sentence.
_LEADING_CLOSERS = re.compile(r"[”’\")\]]+(?=\s)")

# Long blocks go to pysbd in pieces of at most _CHUNK_MAX characters, cut at a
# certain sentence end found past _CHUNK_MIN (see _chunks).
_CHUNK_MIN, _CHUNK_MAX = 1000, 2000
# pysbd's allowance per document (see _PysbdBudget). Of 500 news articles
# (OneStopEnglish and newswire), none used more than 59 marks.
_PYSBD_BASE_MARKS, _PYSBD_CHARS_PER_MARK = 500, 60
_PYSBD_MARKS = re.compile(r"[.!?…。．！？)\]•⁃‣◦]")
# Texts whose lines are shorter than this on average are segmented sentence by sentence (see _segment).
_SHORT_LINE_CHARS = 40
_SURE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])")

# Leftovers of a web page copied along with an article ("Share.", "Leave A
# Reply", ...). They are recognised only as whole trailing paragraphs, so the
# same words inside the prose are never touched.
_CHROME_PHRASES = frozenset(
    """
    share share this share this article share on facebook share on twitter tweet email print
    leave a reply leave a comment comments no comments post a comment
    exit mobile version skip to content back to top scroll to top
    advertisement sponsored read more related related posts related articles
    subscribe sign up log in login menu search close previous article next article
    you may also like recommended for you
    """.split("\n")
)
_CHROME = frozenset(p.strip() for p in _CHROME_PHRASES if p.strip())
_CHROME_WORDS = frozenset(" ".join(_CHROME).split())
_CHROME_MAX_PARAGRAPHS = 40
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    index: int
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    index: int
    paragraph: int
    first_word: int
    end_word: int  # one past the last word's index

    @property
    def word_count(self) -> int:
        return self.end_word - self.first_word


@dataclass(frozen=True, slots=True)
class Word(Span):
    index: int
    sentence: int


_new_object = object.__new__
# Each class's own descriptors: on Python 3.10 a slotted dataclass re-declares its base's slots, so
# the base's descriptor would set a slot that the subclass's attribute never reads.
_SET_WORD_START, _SET_WORD_END, _SET_WORD_TEXT = Word.start.__set__, Word.end.__set__, Word.text.__set__
_SET_SENTENCE_START, _SET_SENTENCE_END = Sentence.start.__set__, Sentence.end.__set__
_SET_SENTENCE_TEXT = Sentence.text.__set__
_SET_PARAGRAPH_START, _SET_PARAGRAPH_END = Paragraph.start.__set__, Paragraph.end.__set__
_SET_PARAGRAPH_TEXT = Paragraph.text.__set__
_SET_WORD_INDEX, _SET_WORD_SENTENCE = Word.index.__set__, Word.sentence.__set__
_SET_SENTENCE_INDEX, _SET_PARAGRAPH = Sentence.index.__set__, Sentence.paragraph.__set__
_SET_FIRST_WORD, _SET_END_WORD = Sentence.first_word.__set__, Sentence.end_word.__set__
_SET_PARAGRAPH_INDEX, _SET_BOILERPLATE = Paragraph.index.__set__, Paragraph.boilerplate.__set__
_FIRST_WORD, _END_WORD = attrgetter("first_word"), attrgetter("end_word")
_START, _END, _TEXT = attrgetter("start"), attrgetter("end"), attrgetter("text")


@dataclass(frozen=True)
class Segmentation:
    """A text's paragraphs, sentences and words.

    The words are kept as three columns, an entry per word in text order:
    ``word_starts``, ``word_ends`` and ``word_texts``. An analyzer that reads
    them by index makes no object per word; ``words`` makes a :class:`Word`
    of each on first use (a news article has some 650, and building and
    freeing them was a tenth of the time segmenting it takes).
    """

    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    word_starts: tuple[int, ...]
    word_ends: tuple[int, ...]
    word_texts: tuple[str, ...]
    # What the reader should know about how the text was segmented (see _PysbdBudget).
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_words(
        cls, paragraphs: tuple[Paragraph, ...], sentences: tuple[Sentence, ...], words: tuple[Word, ...], warnings: tuple[str, ...] = ()
    ) -> "Segmentation":
        """The segmentation of these Word objects (their columns taken from them)."""
        columns = (tuple(map(_START, words)), tuple(map(_END, words)), tuple(map(_TEXT, words)))
        segmentation = cls(paragraphs, sentences, *columns, warnings)
        segmentation.__dict__["words"] = tuple(words)
        return segmentation

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return _make_words(self.word_starts, self.word_ends, self.word_texts, self.sentences)


def _make_words(starts, ends, texts, sentences) -> tuple[Word, ...]:
    """A Word per entry of the columns, each in the sentence whose word range holds it."""
    words = list(map(_new_object, repeat(Word, len(texts))))
    # Each field set by its slot's setter over the whole column, without a Python step per word.
    for setter, column in zip((_SET_WORD_START, _SET_WORD_END, _SET_WORD_TEXT), (starts, ends, texts)):
        _consume(map(setter, words, column))
    _consume(map(_SET_WORD_INDEX, words, range(len(texts))))
    counts = map(sub, map(_END_WORD, sentences), map(_FIRST_WORD, sentences))
    _consume(map(_SET_WORD_SENTENCE, words, chain.from_iterable(map(repeat, range(len(sentences)), counts))))
    return tuple(words)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding whitespace.

    Worked out column by column in C (a text of one-word paragraphs has a
    million of them): the split keeps the breaks, so the running total of
    the parts' lengths is where each part starts.
    """
    parts = _PARAGRAPH_BREAK.split(text)
    starts = list(accumulate(map(len, parts), initial=0))[::2]
    paragraphs = parts[::2]
    indents = map(sub, map(len, paragraphs), map(len, map(str.lstrip, paragraphs)))
    starts = list(map(add, starts, indents))
    lengths = list(map(len, map(str.strip, paragraphs)))
    return list(compress(zip(starts, map(add, starts, lengths)), lengths))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_chrome(paragraph: str) -> bool:
    words = _NOT_WORD_OR_SPACE.sub(" ", paragraph.lower()).split()
    if not words or len(words) > 5:
        return False
    return " ".join(words) in _CHROME or all(w in _CHROME_WORDS for w in words)


def _trailing_chrome(text: str, paragraphs: list[tuple[int, int]]) -> int:
    """Index of the first paragraph of the trailing run of web-page chrome."""
    first = len(paragraphs)
    # A page's footer is a few lines; a long run of one-word paragraphs is the text itself.
    last_possible = max(1, len(paragraphs) - _CHROME_MAX_PARAGRAPHS)
    while first > last_possible and _is_chrome(text[paragraphs[first - 1][0] : paragraphs[first - 1][1]]):
        first -= 1
    return first


def _is_short_list(lines: list[str], text: str, start: int, end: int) -> bool:
    """Whether every line has text, at most _SHORT_LIST_MAX_WORDS words and no closing punctuation.
    ``lines`` are text[start:end] split at line breaks. Worked out column by column in C:
    a text of one-word lines is a list of a million lines."""
    stripped = list(map(str.strip, lines))
    return (
        all(stripped)
        # A line with one word more than the limit, found by re at each line's start: prose
        # stops at its first line, and no line is cut into words.
        and not any(map(_TOO_MANY_WORDS.match, stripped))
        # A line can only be closed by one of these: one scan of the whole for most lists.
        and not (_CLOSING.search(text, start, end) and any(map(_CLOSED_LINE.search, stripped)))
    )


def _is_closed(line: str) -> bool:
    """Whether _CLOSED_LINE matches the stripped ``line``: its last character that is not a
    closing mark is sentence punctuation (str.rstrip in C instead of re trying every character)."""
    line = line.rstrip(_LINE_CLOSERS)
    return line[-1:] in _LINE_STOPS


def _line_spans(lines: list[str], start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's text without surrounding whitespace; ``lines`` start at ``start``."""
    lengths = list(map(len, lines))

    def cursors() -> Iterator[int]:
        # A line starts one character (its line break) after the previous one ends.
        # Worked out twice rather than kept: a list of a million offsets is 36 MB.
        return map(add, accumulate(lengths, initial=start), count())

    indents = map(sub, lengths, map(len, map(str.lstrip, lines)))
    return zip(map(add, cursors(), indents), map(add, cursors(), map(len, map(str.rstrip, lines))))


def _line_blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a paragraph at line breaks that follow a short line without closing punctuation."""
    lines = text[start:end].split("\n")
    if len(lines) >= _SHORT_LIST_MIN_LINES and _is_short_list(lines, text, start, end):
        # "features\ncontact manager\nevents, activities": short lines, none
        # closed, are a list even in lower case (wrapped prose closes somewhere).
        return _line_spans(lines, start)
    return _wrapped_blocks(text, start, end)


def _wrapped_blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """_line_blocks of a paragraph that is not a list of short lines."""
    block_start = start
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline == -1:
            break
        line = text[line_start:newline].strip()
        # Where the next line's text starts (not a copy of the rest: that would
        # make a paragraph of many short lines quadratic).
        next_text = _NON_SPACE.search(text, newline + 1, end)
        following = next_text.start() if next_text else end
        if (
            line
            and not _is_closed(line)
            and len(line.split()) <= _HEADLINE_MAX_WORDS
            # Hard-wrapped prose carries on in lower case; a headline or list item does not.
            and not text[following : following + 1].islower()
        ) or (line and _LIST_MARKER.match(text, following, end)):
            block = _strip(text, block_start, newline)
            if block[0] < block[1]:
                yield block
            block_start = newline + 1
        line_start = newline + 1
    block = _strip(text, block_start, end)
    if block[0] < block[1]:
        yield block


def _chunks(flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a long block into pieces pysbd can take: its time grows with the
    square of the sentences in one call (4,000 sentences: 4.5 s).

    A cut goes where a sentence surely ends (a lowercase word of three letters
    or more, closing punctuation, space, capital letter), past _CHUNK_MIN
    characters; text with no such place (hostile input) is cut at a space by
    _CHUNK_MAX, where at worst one sentence boundary is invented.
    """
    chunks = []
    while end - start > _CHUNK_MAX:
        match = _SURE_END.search(flat, start + _CHUNK_MIN, start + _CHUNK_MAX)
        if match:
            cut = match.start()
        else:
            space = flat.rfind(" ", start + _CHUNK_MIN, start + _CHUNK_MAX)
            cut = space if space > start else start + _CHUNK_MAX
        chunks.append((start, cut))
        start = cut
        while start < end and flat[start].isspace():
            start += 1
    chunks.append((start, end))
    return [c for c in chunks if c[0] < c[1]]


class _PysbdBudget:
    """How much more text pysbd may see in this document, counted in the marks
    that make its work: sentence punctuation, closing brackets, bullets.

    pysbd's cost grows with the sentences it finds and the abbreviations it
    rewrites (20-40 µs each), and text where nearly every character may end a
    sentence ("![a![a", "U.S. U.S.", "<!--a<!--a") has hundreds of thousands
    per MB. Ordinary prose shows pysbd far fewer than one per 60 characters,
    since only its ambiguous pieces go there; past that allowance a piece
    stays as textkit's own sure cuts left it, and the document says so.
    Counted in marks, not time, so that the same text always gets the same
    sentences.
    """

    def __init__(self, text: str) -> None:
        self.left = _PYSBD_BASE_MARKS + len(text) // _PYSBD_CHARS_PER_MARK
        self.refused_at: int | None = None

    def charge(self, text: str, start: int, end: int) -> None:
        self.left -= len(_PYSBD_MARKS.findall(text, start, end))

    def refuse(self, at: int) -> None:
        if self.refused_at is None:
            self.refused_at = at

    def warnings(self) -> tuple[str, ...]:
        if self.refused_at is None:
            return ()
        return (
            f"sentence boundaries from character {self.refused_at:,} on are only the sure ones: the text has "
            f"more possible sentence ends than prose (over one per {_PYSBD_CHARS_PER_MARK} characters)",
        )


def _sentence_spans(text: str, flat: str, start: int, end: int, budget: _PysbdBudget) -> Iterator[tuple[int, int]]:
    """Sentence (start, end) pairs inside text[start:end], located in the original text.

    ``flat`` is ``text`` with line breaks as spaces (same offsets), which is
    what pysbd is given and so what its pieces are found in.
    """
    if not _MAY_END_SENTENCE.search(flat, start, end):
        return _line_blocks(text, start, end)  # lines without punctuation: each block is a sentence
    return _cut_blocks(text, flat, start, end, budget)


def _cut_blocks(text: str, flat: str, start: int, end: int, budget: _PysbdBudget) -> Iterator[tuple[int, int]]:
    """_sentence_spans of a paragraph with sentence punctuation: each block cut at sure
    ends, its ambiguous pieces by pysbd, then textkit's own corrections."""
    for block in _line_blocks(text, start, end):
        block_start, block_end = block
        if not _MAY_END_SENTENCE.search(flat, block_start, block_end):
            yield block  # a headline, a list item: nothing to cut
            continue
        pieces = []
        ambiguous = False
        for piece in sure_cuts(flat, block_start, block_end):
            if is_plain(flat, *piece):
                pieces.append(piece)
                continue
            ambiguous = True
            for chunk in _chunks(flat, *piece):
                if budget.left > 0:
                    pieces += _pysbd_spans(text, flat, *chunk, budget)
                else:
                    budget.refuse(chunk[0])
                    pieces.append(chunk)
        # Sure cuts and plain pieces need no joining (each ends closed, the next
        # starts with a capital after a space); pysbd's output and chunks may.
        if ambiguous:
            pieces = _join_pieces(flat, pieces)
        # Most blocks hold no quotation mark and no initialism: one scan each
        # instead of one per sentence.
        if _has_quote_mark(flat, block_start, block_end):
            pieces = [s for piece in pieces for s in _split_quotations(flat, *piece, budget)]
        if _may_cut_after_initialism(flat, block_start, block_end):
            pieces = [s for piece in pieces for s in _split_after_initialisms(flat, *piece)]
        yield from pieces


def _pysbd_spans(
    text: str, flat: str, block_start: int, block_end: int, budget: _PysbdBudget
) -> list[tuple[int, int]]:
    """pysbd's sentences of flat[block_start:block_end], located in the text."""
    spans = []
    cursor = block_start
    # pysbd ends a sentence at every line break; inside a block a line break
    # is only wrapping, so it sees a space there (same length: offsets hold).
    budget.charge(flat, block_start, block_end)
    for piece in pysbd_sentences(flat[block_start:block_end]):
        piece = piece.strip()
        if not piece:
            continue
        found = flat.find(piece, cursor, block_end)
        if found == -1:
            # pysbd rewrote the piece (it can touch whitespace); fall back to
            # a whitespace-insensitive search so offsets stay exact.
            located = _find_spaced(flat, piece.split(), cursor, block_end)
            if located is None:
                continue
            found, found_end = located
        else:
            found_end = found + len(piece)
        spans.append((found, found_end))
        cursor = found_end
    if cursor < block_end and text[cursor:block_end].strip():
        spans.append(_strip(text, cursor, block_end))
    return spans


def _find_spaced(flat: str, tokens: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Where ``tokens`` stand in flat[start:end], separated by any whitespace: the first
    match of ``\\s+``.join(escaped tokens), without compiling a pattern per piece."""
    at = flat.find(tokens[0], start, end)
    while at != -1:
        position = at + len(tokens[0])
        for token in tokens[1:]:
            space = _SPACE_RUN.match(flat, position, end)
            if space is None or not flat.startswith(token, space.end(), end):
                break
            position = space.end() + len(token)
        else:
            return at, position
        at = flat.find(tokens[0], at + 1, end)
    return None


def _join_pieces(flat: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo pysbd's cuts inside a token (a URL's "?"), before a piece without any word (a stray
    quotation mark) and after a piece without closing punctuation ("(a) stay, (b) leave")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        closers = _LEADING_CLOSERS.match(flat, start, end)
        if joined and closers and closers.end() < end and not flat[joined[-1][1] : start].strip():
            # "them.” According to..." comes back as "them." + "” According to...".
            joined[-1] = (joined[-1][0], closers.end())
            start = closers.end()
            while start < end and flat[start].isspace():
                start += 1
        if joined:
            last_start, last_end = joined[-1]
            piece = flat[start:end]
            inside_token = last_end == start and piece[:1].isalnum()
            # "“Why?” she asked": a quotation's end followed by a lower-case word.
            after_quotation = piece[:1].islower() and flat[last_end - 1] in _CLOSING_QUOTES
            no_words = not any(c.isalnum() for c in piece)  # a stray closing quote
            unclosed = not _ends_closed(flat, last_start, last_end)
            # "1) The first item 2) The second item": pysbd's cut between inline list items stands.
            next_item = unclosed and _INLINE_ITEM.match(piece) and _INLINE_ITEM.match(flat, last_start, last_end)
            if inside_token or after_quotation or no_words or (unclosed and not next_item):
                joined[-1] = (last_start, end)
                continue
        joined.append((start, end))
    return joined


def _may_cut_after_initialism(flat: str, start: int, end: int) -> bool:
    """False when _INITIALISM_THEN_WORD surely has no match in flat[start:end]."""
    return _INITIALISM_END.search(flat, start, end) is not None


def _ends_closed(flat: str, start: int, end: int) -> bool:
    """Whether flat[start:end] ends in closing punctuation, maybe followed by closing marks.
    Only its end is read: a joined piece grows, and a search through it whole
    each time would be quadratic ("?)?)?)")."""
    while end > start and flat[end - 1] in _CLOSERS:
        end -= 1
    return end > start and flat[end - 1] in ".!?…"


def _split_after_initialisms(flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut after "U.S." (or any initialism, or a single capital and period) when a sentence-starting word follows."""
    if not _may_cut_after_initialism(flat, start, end):
        return [(start, end)]
    spans = []
    for match in _INITIALISM_THEN_WORD.finditer(flat, start, end):
        space = 1 if match.group(1) is not None else 3
        if match.group(space + 1).lower() in _STARTERS:
            spans.append((start, match.start(space)))
            start = match.end(space)
    spans.append((start, end))
    return spans


def _has_quote_mark(flat: str, start: int, end: int) -> bool:
    """Whether flat[start:end] holds one of _QUOTE_MARKS: str.find runs through the text
    in C many times faster than re tests a character class at every character."""
    return flat.find("“", start, end) != -1 or flat.find("”", start, end) != -1 or flat.find('"', start, end) != -1


def _split_quotations(flat: str, start: int, end: int, budget: _PysbdBudget) -> list[tuple[int, int]]:
    """Cut a sentence between the sentences of a quotation inside it.

    pysbd never cuts inside quotation marks, and how it pairs them depends on
    the text around (an opening mark left open by a quotation that runs over
    several paragraphs hides every boundary after it). So pysbd is asked again
    with the double quotation marks blanked out (same length: offsets hold);
    a boundary it then finds is kept where the new sentence starts with a
    capital or a digit ("“I don't know. Maybe,” he said." is cut before
    "Maybe", "“Stop!” she said." is not cut). An opening mark goes with the
    sentence it opens.
    """
    if not _has_quote_mark(flat, start, end) or not _INNER_END.search(flat, start, end):
        return [(start, end)]
    if budget.left <= 0:
        budget.refuse(start)
        return [(start, end)]
    origin = start
    blanked = _QUOTE_MARKS.sub(" ", flat[start:end])
    pieces = _pysbd_spans(blanked, blanked, 0, len(blanked), budget)
    spans = []
    for (_, previous_end), (piece_start, _) in pairwise(pieces):
        opens_sentence = blanked[piece_start].isupper() or blanked[piece_start].isdigit()
        if not opens_sentence or not _ends_closed(blanked, 0, previous_end):
            continue
        cut = origin + piece_start
        while cut > start and flat[cut - 1] in _OPENING_QUOTES:
            cut -= 1
        spans.append(_strip(flat, start, cut))
        start = cut
    spans.append((start, end))
    return [span for span in spans if span[0] < span[1]]


def segment(text: str) -> Segmentation:
    """Segment ``text`` into paragraphs, sentences and words."""
    with bulk():  # a Word per word and a Sentence per sentence: no cycles among them
        return _segment(text)


class _WordAcrossSentences(Exception):
    """A sentence starts or ends inside a word, or a word is in no sentence: see _segment."""


def _segment(text: str) -> Segmentation:
    """Words come from one scan of the whole text, built column by column in C.

    The words of a sentence are those _WORD.finditer(text, start, end) finds.
    One scan of the whole text finds the same ones inside each sentence when
    no word runs across a sentence's start or end (the pattern looks neither
    behind its start nor past its end, so a scan that reaches a sentence's
    start between words goes on as a scan from there would, and a word that
    ends inside the sentence is found whole by both). Where one does (pysbd
    cut inside a token and nothing joined it back), or a word is in no
    sentence, the document is segmented again scanning sentence by sentence.
    Both ways give the same result; which is cheaper depends on the words per sentence.
    """
    if text.count("\n") * _SHORT_LINE_CHARS > len(text):
        # Lines shorter than that on average (a list of one-word lines): mostly one-word
        # sentences, which a scan of their own finds more cheaply.
        return _segment_scanning(text, by_sentence=True)
    try:
        return _segment_scanning(text, by_sentence=False)
    except _WordAcrossSentences:
        return _segment_scanning(text, by_sentence=True)


def _segment_scanning(text: str, by_sentence: bool) -> Segmentation:
    paragraph_spans = split_paragraphs(text)
    flat = text.replace("\n", " ")
    chrome_from = _trailing_chrome(text, paragraph_spans)
    budget = _PysbdBudget(text)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    add_sentence = sentences.append
    word_spans, word_at, word_after = _WORD.finditer, _WORD.match, _WORD.search
    if by_sentence:
        starts, ends, texts = [], [], []
        add_start, add_end, add_text = starts.append, ends.append, texts.append
    else:
        # The split keeps the words (a group): gap, word, gap, ..., word, gap; the
        # running total of the parts' lengths is where each part starts.
        parts = _WORD_AND_GAPS.split(text)
        n = len(parts) // 2
        offsets = list(accumulate(map(len, parts), initial=0))
        starts, ends, texts = offsets[1 : 2 * n : 2], offsets[2 : 2 * n + 1 : 2], parts[1::2]
        del parts, offsets
        # Word indexes, one object each that the sentences' first_word and end_word share.
        indices = list(range(n + 1))
    # Paragraphs and sentences are built through their slots' setters: a frozen
    # dataclass's __init__ sets each field by name through object.__setattr__,
    # three times slower, and a text of one-line sentences has a sentence per
    # word. Equal values share one object (the sentences' word indexes, a
    # one-word sentence's offsets and text with its word's): a document of
    # one-word lines holds a third less memory.
    n_words = n_sentences = 0
    for p_index, (p_start, p_end) in enumerate(paragraph_spans):
        paragraph = _new_object(Paragraph)
        paragraph_text = text[p_start:p_end]
        _SET_PARAGRAPH_START(paragraph, p_start)
        _SET_PARAGRAPH_END(paragraph, p_end)
        _SET_PARAGRAPH_TEXT(paragraph, paragraph_text)
        _SET_PARAGRAPH_INDEX(paragraph, p_index)
        _SET_BOILERPLATE(paragraph, p_index >= chrome_from)
        paragraphs.append(paragraph)
        if _MAY_END_SENTENCE.search(text, p_start, p_end):  # a line break or sentence punctuation
            sentence_spans = _sentence_spans(text, flat, p_start, p_end, budget)
        else:
            sentence_spans = ((p_start, p_end),)  # one line, one sentence
        for s_start, s_end in sentence_spans:
            first_word = n_words
            whole = s_start == p_start and s_end == p_end
            sentence_text = paragraph_text if whole else text[s_start:s_end]
            if not by_sentence:
                # The sentence's words are the scan's next ones (none left behind, none cut).
                n_words = bisect_left(starts, s_end, first_word)
                if (first_word < n and starts[first_word] < s_start) or (first_word and ends[first_word - 1] > s_start):
                    raise _WordAcrossSentences
                if n_words > first_word and ends[n_words - 1] > s_end:
                    raise _WordAcrossSentences
                if n_words == first_word + 1 and starts[first_word] == s_start and ends[first_word] == s_end:
                    # One word: it shares the sentence's offsets and string.
                    starts[first_word], ends[first_word], texts[first_word] = s_start, s_end, sentence_text
            else:
                # The first word as finditer would find it; a sentence that is one word
                # ("Yes", a list item) needs no more, and its word shares its text.
                opening = word_at(text, s_start, s_end)
                if opening is not None and opening.end() == s_end:
                    add_start(s_start)
                    add_end(s_end)
                    add_text(sentence_text)
                    n_words += 1
                    matches = ()
                elif opening is not None and word_after(text, opening.end(), s_end) is None:
                    matches = (opening,)  # one word and punctuation ("Yes.")
                else:
                    matches = word_spans(text, s_start, s_end)
                for match in matches:
                    word_start, word_end = match.span()
                    add_start(word_start)
                    add_end(word_end)
                    add_text(match.group())
                    n_words += 1
            sentence = _new_object(Sentence)
            _SET_SENTENCE_START(sentence, s_start)
            _SET_SENTENCE_END(sentence, s_end)
            _SET_SENTENCE_TEXT(sentence, sentence_text)
            _SET_SENTENCE_INDEX(sentence, n_sentences)
            _SET_PARAGRAPH(sentence, p_index)
            _SET_FIRST_WORD(sentence, first_word if by_sentence else indices[first_word])
            _SET_END_WORD(sentence, n_words if by_sentence else indices[n_words])
            add_sentence(sentence)
            n_sentences += 1
    if not by_sentence and n_words != n:
        raise _WordAcrossSentences  # words after the last sentence
    return Segmentation(
        tuple(paragraphs), tuple(sentences), tuple(starts), tuple(ends), tuple(texts), budget.warnings()
    )


def tokenize_words(text: str) -> list[str]:
    """The words of a short string, by the same rule the segmenter uses."""
    return _WORD.findall(text)
