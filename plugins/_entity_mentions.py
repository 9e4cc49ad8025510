"""Where a document names something: rule-based mention spans.

:func:`find_mentions` returns :class:`Mention` spans and nothing else; joining
mentions into entities is :mod:`textkit.plugins._entity_merge`'s job, so an
evaluation script (or a model-based recogniser) can use either half alone.
No model is needed: the rules read capitalisation, what the rest of the
document says about each word, and the word lists of
:mod:`textkit.plugins._entity_lexicon`.

The rules, in order:

1. Only prose is read: sentences of web-page chrome paragraphs are skipped.
2. Each word is cut to its name part. A possessive ``’s``/``'s`` is left out
   ("China’s" -> "China"). A hyphenated word splits at its hyphens unless all
   of its parts are capitalised ("DeepSeek-inspired" -> "DeepSeek",
   "trans-Atlantic" -> "Atlantic", but "Hewlett-Packard" stays whole; "US-China"
   splits when each part is a name by itself: written alone elsewhere in the
   document, or in the gazetteer). A lowercase prefix of 2+ letters glued to a
   capitalised word ("byTikTok") is cut off when the rest is a name by itself
   or the prefix is a function word; otherwise the camel-cased word is a name
   of its own ("iPhone", "eBay"). Words with digits ("W224") are no names.
3. Capitalised words next to each other form one name when only whitespace,
   "&", the "." of "Mr."/a middle initial, a plural possessive
   ("Champions' League", but not before a name of the gazetteer: "Leeds'
   England striker"), a particle ("de", "van") or "of" after a head word
   ("Bank of England") stands between them. A longer name owns its words:
   "China" inside "South China Morning Post" is not a mention of China. A
   name cut by a line break is put back together ("Standings of National
   Hockey" / "League teams ..."): the first line is prose that ends in the
   name, and the next opens with at most three capitalised words ending in
   an organisation or place suffix.
4. A name loses leading function words ("The Times" -> "Times", "Per SCMP"
   -> "SCMP") and, at a sentence start, a leading "-ly" adverb ("Interestingly
   Apple"). Leading titles, hyphenated ones too ("Vice-President"), go and
   make the name a person's ("President Trump" -> "Trump"); a title inside a
   run splits it ("Microsoft CEO Satya Nadella" -> "Microsoft", "Satya
   Nadella"), and so does a nationality before another name ("Russian Igor
   Kolyvanov"), but not one that opens an organisation or place name
   ("American Airlines"). A number word opening a sentence goes ("Two
   Manchester United fans"; not "Five Guys", where the rest is one ordinary
   word), and so does a day after a name ("the Lombardi Award Thursday
   night"; not "Sheffield Wednesday"). The last two or three words of a run
   split off as a person when a given name opens them, the document names
   them (or their last word) apart elsewhere, and the run does not open with
   a given name ("Queenslander Daniel Herbert", "AC Milan George Weah"; not
   "John Paul Jones"). Not names by themselves: a title, a day, a month, a
   holiday, "I", a single letter, a common-noun acronym ("AI", "CEO"), an
   ordinary word with a letter ("Group C"), "RT" before an "@handle" (a
   retweet).
5. A single capitalised word at the start of a sentence, a quotation, a line
   after a closed line, or after a colon is a name only with evidence: it is
   in the gazetteer (countries, nationalities, places, organisations), or has
   the shape of a name (an inner capital as in "DeepSeek"; capitals, as in
   "SCMP", unless it is a Dale-Chall easy word), or is capitalised
   mid-sentence elsewhere in the document, alone or at either end of a longer
   name ("Kolyvanov" after "Igor Kolyvanov", but not the "Plastic" of
   "Brazilian Plastic Surgery Society"), or opens a row of a results table
   ("Reading 17 8 4 5 30 20 28" makes "Reading 3 Wigan 0" a name); the
   gazetteer includes cities of 100,000 people or more. Otherwise it is not
   a name if the document writes it in lowercase somewhere, or if it is an
   ordinary English word (function words, Dale-Chall easy words and their
   inflections, the CMU Pronouncing Dictionary); anything else is a name. "Period." opening a
   sentence is a word; "Kolyvanov scored" is a name.
6. A news dateline names a place (type "place"): a line that opens with a
   name in capitals, maybe ", Region", then a date, or the agency in
   brackets and a dash ("LONDON 1996-12-06", "WASHINGTON, Dec 6 (Reuters) -";
   not "NATO (North Atlantic Treaty Organization)").
7. A line of a results table (1-4 words, then 3+ figures and nothing else)
   names what its first words say ("TAMPA BAY 8 15 2 69 81 18").
8. A sentence written in capitals (a headline such as "JAPAN GET LUCKY WIN")
   tells nothing through case, so only names found in the rest of the
   document or in the gazetteer are matched there, case-insensitively,
   longest first; the mention's ``name`` is their usual spelling ("Japan").
   The rows of a table in capitals are read first, so a schedule in capitals
   finds the teams they name ("NY JETS AT NEW ENGLAND"), and a word in
   capitals that is the initials of a longer name of the document is that
   name's acronym ("NHL" over a story on the "National Hockey League"), not
   of a person's name ("JP" is not "John Price").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import compress, repeat
from operator import attrgetter

from ._entity_lexicon import Lexicon, lexicon, name_prefixes

_POSSESSIVE_ENDINGS = frozenset(["’s", "’S", "'s", "'S"])
_HYPHEN = re.compile(r"[\-\u2010\u2011]")
_HYPHENS = frozenset("-\u2010\u2011")
_DIGIT = re.compile(r"\d")
_SPACE_THEN_AT = re.compile(r"\s*@")  # what follows "RT" in a retweet: "RT @user"
_OPENING_QUOTES = "“‘«\"'"
# A line that ends in one of these is done: the next line starts afresh ("Scorers :").
_LINE_CLOSERS = ".!?…:;)]\"”’'"
# Words whose "." may sit inside a name: "Mr. Smith", "John F. Kennedy".
_DOTTED_TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Capt", "Lt", "Sgt", "Rev", "St", "Jr", "Sr"]
)
_MAX_HEADLINE_NAME_WORDS = 5
_MAX_ACRONYM_LETTERS = 6
_MAX_WRAPPED_WORDS = 3
_DAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
# A line of a results table: a name, then only figures ("TAMPA BAY 8 15 2 69 81 18").
_MIN_TABLE_FIGURES = 3
_MAX_TABLE_LABEL_WORDS = 4
# A dateline: a place in capitals opening a line, maybe ", Region", then a
# date or the agency and a dash ("MUNICH , Germany 1996-12-06", "WASHINGTON, Dec 6
# (Reuters) -", "PARIS (AP) —"; not "NATO (North Atlantic ...)").
_CAPITALS_WORD = r"[A-Z][A-Z.'’\-]*[A-Z.]"
_CAPITALS_WORD_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.'’-")  # the second character of one
_DATELINE = re.compile(
    rf"(?P<place>{_CAPITALS_WORD}(?:[ \t]+{_CAPITALS_WORD}){{0,3}})"
    r"(?:[ \t]*,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3})?"
    r"[ \t]*,?[ \t]*"
    r"(?:\d{4}-\d{1,2}-\d{1,2}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b|\([A-Z][\w .&]{0,30}\)[ \t]*[-–—])"
)


@dataclass(frozen=True)
class Mention:
    """One span of ``document.text`` that names something.

    ``name`` is the form merging works with (the text on one line; for a
    capitals-only headline word, the spelling of the name it matched), and
    ``type`` is what the context alone tells (a title before it: "person").
    """

    start: int
    end: int
    text: str
    name: str
    type: str | None = None


class _Piece:
    """A word, or the part of one, that can be (part of) a name.

    A plain class with slots, not a dataclass: one is made for every word
    that is not plain (see :class:`_WordTable`), so making one must cost little. ``capitalised`` and
    ``glued`` are the shape of ``text`` (see :func:`_shape`), given by the
    maker, who has looked them up already.
    """

    __slots__ = ("start", "end", "text", "initial", "gap_after", "capitalised", "glued", "joins_previous", "parts")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        initial: bool,  # first word of a sentence, a quotation, or after a colon
        gap_after: str | None,  # text up to the next piece; None: the name cannot go on
        capitalised: bool,
        glued: bool,
        joins_previous: bool = True,  # False for "TikTok" cut from "byTikTok": a new name starts
        parts: list[_Piece] | None = None,  # a capitalised hyphenated word's parts, else None
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.initial = initial
        self.gap_after = gap_after
        self.capitalised = capitalised
        self.glued = glued
        self.joins_previous = joins_previous
        self.parts = parts

    def __repr__(self) -> str:
        return f"_Piece({self.start}, {self.end}, {self.text!r})"


class _Plain:
    """A whole word that can be no name by itself (most words): a lighter piece.

    Only where it sits and what follows it are its own; it is never the
    first piece of a name, so the rest is the same for every such word.
    Made from the word's index a sentence's pieces keep for such a word,
    only where something looks at it (:func:`_plain_pieces`, :func:`_link`).
    """

    __slots__ = ("start", "end", "text", "gap_after")
    initial = capitalised = glued = False
    joins_previous = True
    parts = None

    def __init__(self, start: int, end: int, text: str, gap_after: str | None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.gap_after = gap_after

    def __repr__(self) -> str:
        return f"_Plain({self.start}, {self.end}, {self.text!r})"


def _piece(
    start: int,
    end: int,
    text: str,
    initial: bool = False,
    gap_after: str | None = None,
    joins_previous: bool = True,
    parts: list[_Piece] | None = None,
) -> _Piece:
    """A piece whose shape is looked up here: parts of words, possessives."""
    capitalised, glued = _shape(text)
    return _Piece(start, end, text, initial, gap_after, capitalised, glued, joins_previous, parts)


def _shape(text: str) -> tuple[bool, bool]:
    """(capitalised, glued) of a piece's text."""
    first = text[:1]
    return (
        # "W224" and "G7" are codes, not words of a name.
        first.isupper() and _DIGIT.search(text) is None,
        # A lowercase start with a capital inside: "byTikTok", "iPhone".
        first.islower() and not text.islower(),
    )


# A word's shape by its spelling: False for a plain word, one piece of the same
# text that opens no name (most words: lowercase, numbers), else (capitalised,
# glued, whole), ``whole`` meaning no possessive ending and no hyphen, so one
# piece of the same text. Words repeat, so each is looked at once (bounded).
_WORD_SHAPES: dict[str, tuple[bool, bool, bool] | bool] = {}
_MAX_WORD_SHAPES = 1 << 16
# What _WORD_SHAPES.get gives for a spelling not looked at yet: true, so it is read
# with the words that are not plain, where its shape is looked at.
_NOT_SEEN = (None,)


def _word_shape(word: str) -> tuple[bool, bool, bool] | bool:
    if word.isalpha():
        # Letters only (most words): no hyphen, no apostrophe, no digit, so one whole
        # piece; _shape's answers read off the first letter (a word in lowercase opens no name).
        if word.islower():
            shape = False
        else:
            capitalised, glued = word[0].isupper(), word[0].islower()
            shape = (capitalised, glued, True) if capitalised or glued else False
    else:
        whole = word[-2:] not in _POSSESSIVE_ENDINGS and _HYPHENS.isdisjoint(word)
        capitalised, glued = _shape(word)
        shape = (capitalised, glued, whole) if capitalised or glued or not whole else False
    if len(_WORD_SHAPES) >= _MAX_WORD_SHAPES:
        _WORD_SHAPES.clear()
    _WORD_SHAPES[word] = shape
    return shape


def _cached_shape(word: str) -> tuple[bool, bool, bool] | bool:
    shape = _WORD_SHAPES.get(word, _NOT_SEEN)
    return _word_shape(word) if shape is _NOT_SEEN else shape


def _is_plain_lowercase(word: str) -> bool:
    return not _cached_shape(word) and word.islower()


@dataclass
class _Evidence:
    """What the whole document says about how words are written."""

    mid_capitalised: set[str] = field(default_factory=set)
    # Words written in lowercase: these, and the plain lowercase ones among ``words``.
    lowercase: set[str] = field(default_factory=set)
    # The words of each sentence read for evidence, as written.
    words: list[list[str]] = field(default_factory=list)
    # All of ``words``, made when first asked (most sentence-initial words are
    # told by the word lists without it).
    _all_words: set[str] | None = None

    def writes_in_lowercase(self, word: str) -> bool:
        """Whether the document writes the lowercase ``word`` as a word of its own."""
        if word in self.lowercase:
            return True
        if not _is_plain_lowercase(word):
            return False
        if self._all_words is None:
            self._all_words = set().union(*self.words)
        return word in self._all_words
    # Capitalised words with no capitalised neighbour: names on their own.
    standalone: set[str] = field(default_factory=set)
    # Runs of two capitalised words or more as written (one line each): "Daniel Herbert".
    runs: set[str] = field(default_factory=set)


# The name words of a one-word sentence whose word may be a name: one tuple, shared
# (a wrapped name makes new lists, never changes a sentence's).
_FIRST_ONLY = (0,)


class _Sentence:
    """A sentence's pieces, where its name words are, its words and lowercase pieces."""

    __slots__ = ("pieces", "names", "words", "lowercase", "resolve")

    def __init__(
        self,
        pieces: list,
        names: list[int] | tuple[int],
        words: tuple[str, ...] | list[str],
        lowercase: list[str] | tuple[()],
        resolve: bool,
    ) -> None:
        self.pieces = pieces  # _Piece, _Plain, or the index (an int) of a plain word not looked at yet
        self.names = names  # indices of the pieces a name can open with: capitalised or glued
        self.words = words  # the texts of its words: the plain lowercase ones are written in lowercase
        self.lowercase = lowercase  # the lowercase pieces of its words that are not plain ("known" of "well-known")
        # Whether a piece is glued ("byTikTok") or has parts ("US-China"): such words are
        # resolved (_resolve_words) before names are looked for. Every such piece is a name word.
        self.resolve = resolve


def find_mentions(document) -> list[Mention]:
    """Every mention of a named entity in the document's prose, in text order."""
    lex = lexicon()
    text = document.text
    # The words as columns: no Word object is made for them.
    texts, starts, ends = document.word_texts, document.word_starts, document.word_ends
    mentions: list[Mention] = []
    sentences = []
    lowercase = []  # the words of one-word sentences that can be no name
    table = None  # made at the first sentence of more than one word
    for sentence in document.prose_sentences:
        first = sentence.first_word
        if sentence.end_word - first == 1:
            # A one-word sentence ("a" on its own line) that can be no name gives only
            # evidence of a word written in lowercase: it is no headline, no table
            # row, and no wrapped name runs through it.
            word = texts[first]
            shape = _WORD_SHAPES.get(word, _NOT_SEEN)
            if shape is _NOT_SEEN:
                shape = _word_shape(word)
            if not shape:
                if word.islower():
                    lowercase.append(word)
                continue
            capitalised, glued, whole = shape
            if whole:  # "Yes.": one piece, which opens the sentence; nothing follows it
                piece = _Piece(starts[first], ends[first], word, True, None, capitalised, glued)
                sentences.append(_Sentence([piece], _FIRST_ONLY, (), (), glued))
                continue
        if table is None:
            table = _WordTable(text, texts, starts, ends)
        read = table.read(first, sentence.end_word)
        pieces = read.pieces
        start = sentence.start
        if (
            pieces
            and pieces[0].__class__ is _Piece
            and pieces[0].capitalised  # a dateline opens with a place in capitals, on a line of its own
            and (start == 0 or text[start - 1] == "\n")
        ):
            place = _dateline_place(table, sentence, pieces)
            if place:  # "LONDON 1996-12-06", "WASHINGTON (Reuters) -": where the story was filed
                mentions.append(_mention(document, place, "place"))
                n = len(place)  # all capitalised: the first n name words
                read.pieces = pieces[n:]
                read.names = [i - n for i in read.names[n:]]
        sentences.append(read)
    evidence, to_read, headlines = _evidence(sentences, table, texts, lex)
    evidence.lowercase.update(lowercase)
    for read in to_read:
        if read.__class__ is list:  # the label of a table row
            mentions.append(_mention(document, read, None))
        else:
            mentions.extend(_sentence_mentions(document, table, read.pieces, read.names, read.resolve, evidence, lex))
    if headlines:
        # Rows of a table in capitals come first: the teams they name are the
        # ones a schedule in capitals names again ("NY JETS AT NEW ENGLAND").
        in_capitals = [_plain_pieces(s.pieces, table) for s in headlines]
        is_row = [bool(_table_row_label(p)) for p in in_capitals]
        for first_rows in (True, False):
            known = _KnownNames(mentions, lex)
            for pieces, row in zip(in_capitals, is_row):
                if row == first_rows:
                    mentions.extend(_headline_mentions(document, pieces, known))
    mentions.sort(key=_START)
    return mentions


_START = attrgetter("start")


# --- words into pieces --------------------------------------------------------


# The indices of a document's first words, kept as int objects: a sentence's pieces
# hold its plain words as their indices, so they are not made afresh (and freed) for
# every document (ints from 256 up are not cached by Python). A constant: 8,192 ints.
_WORD_INDICES = tuple(range(1 << 13))


class _WordTable:
    """The document's words as columns, and each sentence's pieces read from them.

    A plain word (lowercase, a number: most words) can never open a name, so
    a sentence's pieces list keeps only its index (no object is made for it), and only the
    few places that look at such a word turn it into a :class:`_Plain`
    (:func:`_plain_pieces`, or :func:`_link` for a particle). The words that
    need reading one by one (capitalised, glued, possessive, hyphenated) are
    found by their spelling for the whole document at once.
    """

    __slots__ = ("text", "texts", "starts", "ends", "indices", "shapes", "specials", "seen")

    def __init__(self, text: str, texts: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...]) -> None:
        self.text = text
        self.texts = texts
        self.starts = starts
        self.ends = ends
        # The word indices: the ints kept for a document's first words, else a range.
        self.indices = indices = _WORD_INDICES if len(texts) <= len(_WORD_INDICES) else range(len(texts))
        # A word's shape, or _NOT_SEEN: looked at when its sentence is read.
        self.shapes = shapes = list(map(_WORD_SHAPES.get, texts, repeat(_NOT_SEEN)))
        self.specials = list(compress(indices, shapes))  # the words that are not plain, or not seen yet
        self.seen = 0  # the specials before this index belong to sentences read already

    def read(self, first: int, end: int) -> _Sentence:
        """The sentence of words ``first`` to ``end``: its pieces, name words and lowercase words.

        Sentences are read in text order.
        """
        text, shapes, specials, indices = self.text, self.shapes, self.specials, self.indices
        texts, starts, ends = self.texts, self.starts, self.ends
        lo = bisect_left(specials, first, self.seen)
        hi = self.seen = bisect_left(specials, end, lo)
        if lo == hi:
            return _Sentence(list(indices[first:end]), [], texts[first:end], (), False)
        pieces: list = []
        names: list[int] = []
        more_lowercase: list[str] = []
        append = pieces.append
        last_word = end - 1
        # The words before this index are in ``pieces``; after a special word, its next
        # word, whose gap before is that word's gap after.
        cursor = first
        gap_after = None
        resolve = False
        for i in specials[lo:hi]:
            shape = shapes[i]
            if shape is _NOT_SEEN:
                shape = shapes[i] = _cached_shape(texts[i])
                if not shape:  # plain after all: kept with the plain words around it
                    continue
            if i > cursor:
                pieces.extend(indices[cursor:i])
            start, end_, core = starts[i], ends[i], texts[i]
            # A piece that may open a name needs to know whether it opens a clause; one
            # space, by far the most common gap, starts nothing afresh.
            if i == first:
                initial = True
            else:
                gap_before = gap_after if i == cursor else text[ends[i - 1] : start]
                initial = gap_before != " " and _starts_afresh(gap_before)
            gap_after = text[end_ : starts[i + 1]] if i < last_word else None
            cursor = i + 1
            capitalised, glued, whole = shape
            if whole:
                names.append(len(pieces))
                append(_Piece(start, end_, core, initial, gap_after, capitalised, glued))
                if glued:
                    resolve = True
                continue
            possessive = core[-2:] in _POSSESSIVE_ENDINGS
            if possessive and len(core) > 2:
                end_ -= 2
                core = core[:-2]
            if _HYPHENS.isdisjoint(core):
                # A possessive ends a name: "Apple’s or Google’s".
                word_pieces = [_piece(start, end_, core, initial, None if possessive else gap_after)]
            else:
                word_pieces = _split_word(text, start, end_)
                word_pieces[0].initial = initial
                # A possessive or a hyphen ends a name: "Apple’s or Google’s", "DeepSeek-inspired AI".
                for piece in word_pieces[:-1]:
                    piece.gap_after = None
                word_pieces[-1].gap_after = None if possessive else gap_after
            for piece in word_pieces:
                if piece.capitalised or piece.glued:
                    names.append(len(pieces))
                    if piece.glued or piece.parts:
                        resolve = True
                elif piece.text.islower():
                    more_lowercase.append(piece.text)
                append(piece)
        if cursor < end:
            pieces.extend(indices[cursor:end])
        return _Sentence(pieces, names, texts[first:end], more_lowercase, resolve)


def _plain_pieces(pieces: list, table: _WordTable | None) -> list:
    """``pieces`` with every plain word kept as its index made a :class:`_Plain`, in place.

    (``table`` is None only where no sentence was read from it: then no piece is an index.)
    """
    classes = list(map(type, pieces))
    if int not in classes:  # a headline: names only
        return pieces
    last = len(pieces) - 1
    for i, kind in enumerate(classes):
        if kind is int:
            pieces[i] = _plain(pieces, i, last, table)
    return pieces


def _plain(pieces: list, i: int, last: int, table: _WordTable) -> _Plain:
    """The plain piece of the word whose index is at ``i``: what follows it runs up to the next piece."""
    word = pieces[i]
    end = table.ends[word]
    if i == last:
        return _Plain(table.starts[word], end, table.texts[word], None)
    following = pieces[i + 1]  # a piece, or the next plain word's index
    following_start = table.starts[following] if following.__class__ is int else following.start
    return _Plain(table.starts[word], end, table.texts[word], table.text[end:following_start])


def _starts_afresh(gap: str) -> bool:
    """Does the text between two words put the second at the start of a clause?"""
    if ":" in gap or (gap and gap[-1] in _OPENING_QUOTES):
        return True
    newline = gap.find("\n")
    if newline == -1:
        return False
    line_end = gap[:newline].rstrip()[-1:]
    return line_end != "" and line_end in _LINE_CLOSERS


def _split_word(text: str, start: int, end: int) -> list[_Piece]:
    """The pieces of the word at ``start:end``, cut at its hyphens ("DeepSeek-inspired")
    unless every part is capitalised ("Hewlett-Packard": one piece with its parts)."""
    core = text[start:end]
    whole, parts = _SPLITS.get(core) or _split_plan(core)
    pieces = [_Piece(start + a, start + b, core[a:b], False, None, capitalised, glued) for a, b, capitalised, glued in parts]
    if whole is None:
        return pieces
    return [_Piece(start, end, core, False, None, whole[0], whole[1], True, pieces or None)]


def _split_plan(core: str) -> tuple[tuple[bool, bool] | None, tuple[tuple[int, int, bool, bool], ...]]:
    """How a word splits, the same wherever it is written, so worked out once per spelling
    (bounded): the shape of the whole word if it stays one piece (else None), and its
    parts as (start, end, capitalised, glued) within the word."""
    bounds = []
    cursor = 0
    for match in _HYPHEN.finditer(core):
        bounds.append((cursor, match.start()))
        cursor = match.end()
    bounds.append((cursor, len(core)))
    parts = tuple((a, b, *_shape(core[a:b])) for a, b in bounds if b > a)
    if len(parts) > 1 and all(part[2] for part in parts):  # every part capitalised
        plan = (_shape(core), parts)
    elif parts:
        plan = (None, parts)
    else:  # hyphens only: the word is its own piece
        plan = (_shape(core), ())
    if len(_SPLITS) >= _MAX_WORD_SHAPES:
        _SPLITS.clear()
    _SPLITS[core] = plan
    return plan


_SPLITS: dict[str, tuple[tuple[bool, bool] | None, tuple[tuple[int, int, bool, bool], ...]]] = {}


def _join_wrapped_name(previous: _Sentence, read: _Sentence, table: _WordTable) -> None:
    """Put back together a name that a line break cut in two (see :func:`_wraps_into`):
    ``read`` joins the end of ``previous``."""
    before, pieces = previous.pieces, read.pieces
    before[-1].gap_after = table.text[before[-1].end : pieces[0].start]
    pieces[0].initial = False
    previous.names = [*previous.names, *(len(before) + i for i in read.names)]
    previous.words = [*previous.words, *read.words]
    previous.lowercase = [*previous.lowercase, *read.lowercase]
    previous.resolve = previous.resolve or read.resolve
    before.extend(pieces)


def _wraps_into(table: _WordTable, before: list[_Piece], after: list[_Piece], lex: Lexicon) -> bool:
    """Whether the sentence of ``before`` ends in a name that a line break cut, which the
    sentence of ``after`` ends.

    "Standings of National Hockey" / "League teams after games ..." is one
    sentence wrapped inside a name: the first line ends in capitalised words
    that follow a lowercase word of that line, with no punctuation after
    them, and the next line opens with at most three capitalised words that
    end in a word that only ends names ("League", "Association", "Corp")
    before it goes on in lowercase. A title line over a body ("... in
    Paris" / "The company said") is left alone.
    """
    # ``before`` has two pieces and more, so it was read from ``table``.
    if not before or not after or before[-1].__class__ is not _Piece or not before[-1].capitalised:
        return False
    text = table.text
    after_start = table.starts[after[0]] if after[0].__class__ is int else after[0].start
    gap = text[before[-1].end : after_start]
    if gap.count("\n") != 1 or not gap.isspace():
        return False
    _plain_pieces(before, table)
    _plain_pieces(after, table)
    # The name goes on from a lowercase word of the same line, so the line is
    # prose, not a heading or a list item.
    i = len(before) - 1
    while i > 0 and before[i - 1].capitalised and _is_gap(before[i - 1].gap_after):
        i -= 1
    if i == 0 or not before[i - 1].text.islower() or "\n" in text[before[i - 1].start : before[-1].end]:
        return False
    n = 0
    while n < len(after) and after[n].capitalised and not is_capitals(after[n].text):
        n += 1
        if n == len(after) or not _is_gap(after[n - 1].gap_after):
            break
    if not 0 < n <= _MAX_WRAPPED_WORDS or after[0].text.lower() in lex.function_words:
        return False
    return after[n - 1].text in lex.org_suffixes or after[n - 1].text in lex.place_suffixes


def _dateline_place(table: _WordTable, sentence, pieces: list[_Piece]) -> list[_Piece]:
    """The pieces of the place name that opens a news dateline, or []. (The caller has
    checked that the sentence opens a line and its first piece is capitalised.)"""
    text = table.text
    if text[sentence.start + 1 : sentence.start + 2] not in _CAPITALS_WORD_SECOND:  # "In", "The": no capitals word
        return []
    match = _DATELINE.match(text, sentence.start, sentence.end)
    if match is None:
        return []
    _plain_pieces(pieces, table)
    place_end = match.end("place")
    n = 0
    while n < len(pieces) and pieces[n].end <= place_end:  # pieces' ends grow
        n += 1
    place = pieces[:n]
    return place if place and all(p.capitalised for p in place) else []


def _is_headline(pieces: list[_Piece], texts: tuple[str, ...]) -> bool:
    """A sentence in capitals (two words of two letters or more, none with a lowercase
    letter): case tells nothing about names there. (``texts``: the document's words, for a
    plain word kept as its index.)"""
    words = 0
    for piece in pieces:  # stops at the first word with a lowercase letter: most sentences at once
        text = texts[piece] if piece.__class__ is int else piece.text
        if text.upper() == text:
            if words < 2 and len(text) >= 2 and (text.isalpha() or sum(c.isalpha() for c in text) >= 2):
                words += 1
        elif len(text) >= 2 and (text.isalpha() or sum(c.isalpha() for c in text) >= 2):
            return False
    return words >= 2


def _capitalised_row_label(pieces: list[_Piece]) -> list[_Piece] | None:
    label = _table_row_label(pieces)
    return label if label and all(p.capitalised for p in label) else None


def _evidence(
    sentences: list[_Sentence], table: _WordTable | None, texts: tuple[str, ...], lex: Lexicon
) -> tuple[_Evidence, list[_Sentence | list[_Piece]], list[_Sentence]]:
    """What the document says about its words; what to read for names, in order: a
    sentence, or the label (a list of pieces) of a sentence that is a table row; and the
    sentences in capitals.

    First, a sentence ending in a name that a line break cut takes in the sentences it
    goes on in (:func:`_wraps_into`); then it is looked at whole.

    Only the name words of a sentence are visited: capitalised words and
    their neighbours give the evidence, its lowercase words were listed when
    it was read. A sentence in capitals (a headline) tells nothing; a row of a table
    with a capitalised label ("Karlsruhe 17 8 4 5 30 20 28") only that its label is a
    name, which it names. A sentence with no name word (capitalised, or glued as in
    "byTikTok") is read for nothing but evidence.
    """
    evidence = _Evidence()
    mid_capitalised, standalone, lowercase, words, runs = (
        evidence.mid_capitalised, evidence.standalone, evidence.lowercase, evidence.words, evidence.runs
    )  # fmt: skip
    to_read: list[_Sentence | list[_Piece]] = []  # no pair per sentence: a flood of one-word lines has many
    headlines: list[_Sentence] = []
    following = 0  # the next sentence not joined to an earlier one
    for k, read in enumerate(sentences):
        if k < following:  # joined to an earlier one
            continue
        following = k + 1
        pieces = read.pieces
        # The first line goes on from a lowercase word before the name: two pieces at least.
        # Checked here first, as _wraps_into does: most sentences end in a plain word.
        while (
            following < len(sentences)
            and len(pieces) > 1
            and pieces[-1].__class__ is _Piece
            and pieces[-1].capitalised
            and _wraps_into(table, pieces, sentences[following].pieces, lex)
        ):
            _join_wrapped_name(read, sentences[following], table)
            following += 1
        count = len(pieces)
        if count > 1:  # a headline has two words at least
            # Most sentences open with a word of letters, some lowercase ("The"): no headline,
            # as _is_headline tells at that word (it returns False at the first such word).
            first = pieces[0]
            first_text = texts[first] if first.__class__ is int else first.text
            opens_in_lowercase = first_text.isalpha() and len(first_text) >= 2 and first_text.upper() != first_text
            if not opens_in_lowercase and _is_headline(pieces, texts):
                headlines.append(read)
                continue
            # What a row with a capitalised label needs, read without making plain words
            # pieces: a capitalised first word and at least _MIN_TABLE_FIGURES figures at
            # the end ("in 2019." ends many a sentence).
            if count > _MIN_TABLE_FIGURES and first.__class__ is _Piece and first.capitalised:
                last, third_last = pieces[-1], pieces[-_MIN_TABLE_FIGURES]  # a piece, or a plain word's index
                row = (
                    _capitalised_row_label(_plain_pieces(pieces, table))
                    if (texts[last] if last.__class__ is int else last.text)[:1].isdigit()
                    and (texts[third_last] if third_last.__class__ is int else third_last.text)[:1].isdigit()
                    else None
                )
                if row:
                    # A row of a table names a team or a place, though it opens a line:
                    # "Karlsruhe 17 8 4 5 30 20 28" tells that "Karlsruhe" is a name.
                    mid_capitalised.update((row[0].text, row[-1].text))
                    if len(row) == 1:
                        standalone.add(row[0].text)
                    to_read.append(row)
                    continue
        words.append(read.words)
        if read.lowercase:
            lowercase.update(read.lowercase)
        pieces = read.pieces
        run: list[str] = []  # capitalised words joined by plain gaps, as written
        joined_to = -1  # the index of the piece after a capitalised one it is joined to by a plain gap
        last = len(pieces) - 1
        for i in read.names:
            piece = pieces[i]
            if not piece.capitalised:  # glued: "byTikTok"
                continue
            joined_after = i < last and pieces[i + 1].__class__ is _Piece and pieces[i + 1].capitalised
            if joined_after:
                gap = piece.gap_after
                joined_after = gap is not None and (gap == "" or gap.isspace())
            if not joined_after and joined_to != i:
                # A word alone (most): no run goes on through it (a run goes on only to the
                # next piece, which is capitalised, so a name word: joined_to is that piece).
                if not piece.initial:
                    text = piece.text
                    mid_capitalised.add(text)
                    standalone.add(text)
                continue
            joined_before = joined_to == i
            if not piece.initial:
                # Inside a longer name a word says nothing about itself: the
                # "Plastic" of "Brazilian Plastic Surgery Society".
                if not (joined_before and joined_after):
                    mid_capitalised.add(piece.text)
                if not (joined_before or joined_after):
                    standalone.add(piece.text)
            if joined_after:
                run.append(piece.text)
                joined_to = i + 1
            elif run:
                run.append(piece.text)
                runs.add(" ".join(run))
                run = []
            # A run of one word is not kept: only runs of two or three words are
            # asked for (_known_person_at_end), and a word has no space in it.
        if read.names:
            to_read.append(read)
    return evidence, to_read, headlines


def _is_gap(gap: str | None) -> bool:
    return gap is not None and (gap == "" or gap.isspace())


# --- names in ordinary sentences ----------------------------------------------


def _sentence_mentions(
    document,
    table: _WordTable | None,
    pieces: list[_Piece],
    name_words: list[int],
    resolve: bool,
    evidence: _Evidence,
    lex: Lexicon,
) -> list[Mention]:
    """The names in a sentence whose name words (capitalised or glued) are at ``name_words``;
    ``resolve``: some of them are glued or have parts (see :class:`_Sentence`)."""
    if resolve:
        pieces = _resolve_words(_plain_pieces(pieces, table), evidence, lex)
        name_words = [i for i, p in enumerate(pieces) if p.capitalised or p.glued]
    # Maximal runs of capitalised pieces that read as one name, each opening at a name
    # word, judged as they are found (judging one changes no piece).
    mentions = []
    covered = 0  # pieces before this index are in a run already
    last = len(pieces) - 1
    particles = lex.name_particles
    texts = table.texts if table is not None else ()
    for i in name_words:
        if i < covered:
            continue
        piece = pieces[i]
        covered = i + 1
        if i < last:
            following = pieces[covered]
            # A plain word not looked at yet ends most names: asking _link is needed
            # only for a particle ("de") or "of".
            if (
                following.__class__ is not int
                or texts[following] in particles
                or texts[following] == "of"
            ):
                run = [piece]
                while True:
                    link = _link(run[-1], pieces, covered, lex, table)
                    if not link:
                        break
                    run.extend(link)
                    covered += len(link)
                if len(run) > 1:
                    mentions += _run_mentions(document, run, evidence, lex)
                    continue
        # A word alone: most are judged by the verdict kept for their spelling (what
        # _lone_word_mentions does first); a new spelling, "RT", or a word opening a
        # sentence that the word lists cannot judge go the whole way.
        word = piece.text
        verdict = _LONE_WORDS.get(word)
        is_name = None if verdict is None or word == "RT" else verdict[piece.initial]
        if is_name is None:
            mentions += _lone_word_mentions(document, piece, evidence, lex)
        elif is_name:
            mentions.append(_new_mention(piece.start, piece.end, word, word))
    return mentions


def _resolve_words(pieces: list[_Piece], evidence: _Evidence, lex: Lexicon) -> list[_Piece]:
    """Cut glued prefixes and split hyphenated pairs of known names."""
    resolved = []
    for piece in pieces:
        if piece.glued:
            resolved.append(_unglue(piece, evidence, lex))
        elif piece.parts and all(_is_known(p.text, evidence, lex) for p in piece.parts):
            # "US-China": two names, each its own mention.
            piece.parts[0].initial = piece.initial
            piece.parts[-1].gap_after = piece.gap_after
            for part in piece.parts[1:]:
                part.joins_previous = False
            resolved.extend(piece.parts)
        else:
            resolved.append(piece)
    return resolved


def _unglue(piece: _Piece, evidence: _Evidence, lex: Lexicon) -> _Piece:
    cut = next(i for i, c in enumerate(piece.text) if c.isupper())
    prefix, rest = piece.text[:cut], piece.text[cut:]
    # A one-letter prefix is how brands are spelled ("iPhone", "eBay"); a
    # longer one is a word that lost its space ("byTikTok").
    if len(prefix) >= 2 and prefix.isalpha() and (_is_known(rest, evidence, lex) or prefix in lex.function_words):
        return _piece(piece.start + cut, piece.end, rest, gap_after=piece.gap_after, joins_previous=False)
    return piece


def _is_known(name: str, evidence: _Evidence, lex: Lexicon) -> bool:
    """A name by itself: in the gazetteer, or written alone mid-sentence in the document."""
    return name in evidence.standalone or name in lex.gazetteer


def _is_name_word(piece: _Piece) -> bool:
    return piece.capitalised or piece.glued


def _link(last: _Piece, pieces: list, nxt: int, lex: Lexicon, table: _WordTable) -> list[_Piece]:
    """The pieces that continue a name after ``last`` (empty: the name ends)."""
    if nxt >= len(pieces) or last.gap_after is None:
        return []
    gap = last.gap_after
    following = pieces[nxt]
    if following.__class__ is _Piece:
        if not following.joins_previous:
            return []
        if following.capitalised or following.glued:
            if gap.strip() in ("'", "’") and following.text in lex.gazetteer:
                return []  # "Leeds' England striker": a possessive before a name of its own
            return [following] if _joins(gap, last) else []
    elif following.__class__ is int:  # a plain word kept as its index: most names end here
        word = table.texts[following]
        if not (word in lex.name_particles or (word == "of" and last.text in lex.of_heads)):
            return []
        following = pieces[nxt] = _plain(pieces, nxt, len(pieces) - 1, table)
    # A lowercase particle between two capitalised words: "Charles de Gaulle", "Bank of England".
    if (
        gap.isspace()
        and nxt + 1 < len(pieces)
        and following.gap_after is not None
        and following.gap_after.isspace()
        and pieces[nxt + 1].__class__ is _Piece
        and _is_name_word(pieces[nxt + 1])
        and (following.text in lex.name_particles or (following.text == "of" and last.text in lex.of_heads))
    ):
        return [following, pieces[nxt + 1]]
    return []


def _joins(gap: str, last: _Piece) -> bool:
    if gap == "" or gap.isspace():
        return True
    if gap.strip() == "&":
        return True
    if gap.strip() in ("'", "’") and last.text.endswith("s"):  # "Champions' League"
        return True
    if gap.strip() == "." and (last.text in _DOTTED_TITLES or (len(last.text) == 1 and last.text.isupper())):
        return gap.startswith(".")
    return False


def _run_mentions(document, run: list[_Piece], evidence: _Evidence, lex: Lexicon) -> list[Mention]:
    """The names a run of capitalised words holds: none, one, or a few."""
    # "The Times", "Per SCMP", "Interestingly Apple": a function word or a
    # sentence adverb opens no name.
    while run and (_is_lower_word_capitalised(run[0], lex) or (run[0].initial and lex.is_adverb(run[0].text))):
        run = _trim(run[1:])
    if _opens_with_number_word(run, lex):  # "Two Manchester United fans"
        run = _trim(run[1:])
    if _ends_with_day(run, evidence):  # "the Lombardi Award Thursday night"
        run = _trim(run[:-1])
    if not run:
        return []
    inner_title = _split_at_inner_title(run, lex)
    if inner_title is not None:  # "Czech President Vaclav Havel", "Fed Chairman Alan Greenspan"
        before, after = inner_title
        return _sub_run_mentions(document, before, evidence, lex) + [_mention(document, after, "person")]
    if _leads_with_nationality(run, evidence, lex):  # "Russian Igor Kolyvanov", "Chinese Huawei"
        return _lone_word_mentions(document, run[0], evidence, lex) + _sub_run_mentions(document, run[1:], evidence, lex)
    person = _known_person_at_end(run, evidence, lex)
    if person:  # "Queenslander Daniel Herbert", "AC Milan George Weah"
        return _sub_run_mentions(document, run[: len(run) - person], evidence, lex) + [
            _mention(document, run[len(run) - person :], "person")
        ]
    run, is_person = _strip_title(run, lex)
    run = _trim(run)
    if not run or _is_label(run, lex) or all(p.text in lex.title_modifiers for p in run):
        return []
    if len(run) == 1 and not _single_word_is_name(run[0], evidence, lex):
        return []
    if len(run) == 1 and run[0].text == "RT" and _SPACE_THEN_AT.match(document.text, run[0].end):
        return []  # "RT @user:" marks a retweet
    return [_mention(document, run, "person" if is_person else None)]


def _lone_word_mentions(document, piece: _Piece, evidence: _Evidence, lex: Lexicon) -> list[Mention]:
    """:func:`_run_mentions` of a one-word run, judged once per spelling and position.

    One word is a name (never a person's by a title: a title alone is no
    name) or nothing, by the same rules as a longer run.
    """
    text = piece.text
    if text == "RT":  # a name or a retweet's mark, by what follows
        return _run_mentions(document, [piece], evidence, lex)
    is_name = (_LONE_WORDS.get(text) or _lone_word_by_lexicon(text, lex))[piece.initial]
    if is_name is None:  # opening a sentence: no "-ly" adverb ("Interestingly"), and evidence
        is_name = not lex.is_adverb(text) and _initial_word_is_name(text, evidence, lex)
    # A piece's text is the document's text at its span, one word with no space in it.
    return [_new_mention(piece.start, piece.end, text, text)] if is_name else []


# Whether a word is a name alone, as (not opening a sentence, opening one), by
# the word lists alone; None: asked when it opens a sentence (_lone_word_mentions). The same in every document, so each spelling is judged once (bounded).
_LONE_WORDS: dict[str, tuple[bool, bool | None]] = {}


def _lone_word_by_lexicon(word: str, lex: Lexicon) -> tuple[bool, bool | None]:
    """What :func:`_run_mentions` makes of a run of this one word, by its steps.

    Function words go; so does a title (and a title alone is no name); then
    a title modifier, a single letter and a word never named alone are no
    names; what is left is a name, or, opening a sentence, one if it is no
    "-ly" adverb and its shape, the word lists or the document say so (asked
    then: the adverb test may read the big dictionary). A one-word run never splits, never leads with a nationality or ends
    in a day or a known person. (A piece that opens no name is never a run
    of its own; checked all the same, as :func:`_trim` would.)
    """
    capitalised, glued = _shape(word)
    if not (capitalised or glued) or _is_lower_word_capitalised_text(word, lex):
        found = (False, False)
    elif lex.is_title(word) or word in lex.title_modifiers:
        found = (False, False)
    elif len(word) == 1 or word in lex.never_alone or word in lex.generic_acronyms:
        found = (False, False)
    else:
        found = (True, None)
    if len(_LONE_WORDS) >= _MAX_WORD_SHAPES:
        _LONE_WORDS.clear()
    _LONE_WORDS[word] = found
    return found


def _sub_run_mentions(document, run: list[_Piece], evidence: _Evidence, lex: Lexicon) -> list[Mention]:
    if len(run) == 1:
        return _lone_word_mentions(document, run[0], evidence, lex)
    return _run_mentions(document, run, evidence, lex)


def _known_person_at_end(run: list[_Piece], evidence: _Evidence, lex: Lexicon) -> int:
    """How many last words of the run are a person the document names apart, or 0.

    "replaced by fellow Queenslander Daniel Herbert": a given name opens the
    last two or three words, the document writes them (or their last word)
    as a name of their own elsewhere, and the words before open with no
    given name, so they are no part of a longer personal name ("John Paul
    Jones" stays whole).
    """
    if len(run) < 3 or run[0].text in lex.first_names:
        return 0
    for size in (2, 3):
        tail = run[len(run) - size :]
        if len(tail) == len(run) or tail[0].text not in lex.first_names:
            continue
        if " ".join(p.text for p in tail) in evidence.runs or tail[-1].text in evidence.standalone:
            return size
    return 0


def _opens_with_number_word(run: list[_Piece], lex: Lexicon) -> bool:
    """A count that opens a sentence before a name, not a name such as "Five Guys"."""
    if len(run) < 2 or not run[0].initial or run[0].text.lower() not in lex.number_words:
        return False
    return len(run) > 2 or not lex.is_common_word(run[1].text)


def _ends_with_day(run: list[_Piece], evidence: _Evidence) -> bool:
    """A day after a name says when, as in "won the Lombardi Award Thursday".

    A name of two words or more before the day, or one the document writes
    alone elsewhere, is whole without it; "Sheffield Wednesday" and "Black
    Friday" stay names.
    """
    if len(run) < 2 or run[-1].text not in _DAYS:
        return False
    return len(run) > 2 or run[0].text in evidence.standalone


def _mention(document, run: list[_Piece], type_: str | None) -> Mention:
    start, end = run[0].start, run[-1].end
    text = document.text[start:end]
    return _new_mention(start, end, text, normalise(text), type_)


_new_object = object.__new__


def _new_mention(start: int, end: int, text: str, name: str, type_: str | None = None) -> Mention:
    """``Mention(start, end, text, name, type_)``, made without the frozen dataclass's
    ``__init__`` (an ``object.__setattr__`` call per field): a document has dozens."""
    mention = _new_object(Mention)
    # One store per field (a keyword update of the dict is fewer bytecodes but slower: it builds a dict).
    fields = mention.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["text"] = text
    fields["name"] = name
    fields["type"] = type_
    return mention


def _trim(run: list[_Piece]) -> list[_Piece]:
    """Drop particles left at the ends of a run ("of" in "Bank of")."""
    while run and not _is_name_word(run[0]):
        run = run[1:]
    while run and not _is_name_word(run[-1]):
        run = run[:-1]
    return run


def _split_at_inner_title(run: list[_Piece], lex: Lexicon) -> tuple[list[_Piece], list[_Piece]] | None:
    """(words before, name after) a title inside a run, or None."""
    if len(run) < 3:  # a title inside needs a word on either side
        return None
    words = [p.text for p in run]
    if words[-1] in lex.org_suffixes:
        return None
    for k in range(1, len(words) - 1):
        if not lex.is_title(words[k]):
            continue
        first = k
        while first > 0 and lex.is_title_word(words[first - 1]):
            first -= 1
        last = k + 1
        while last < len(words) and lex.is_title_word(words[last]):
            last += 1
        before, after = _trim(run[:first]), _trim(run[last:])
        if before and after:
            return before, after
        return None
    return None


def _leads_with_nationality(run: list[_Piece], evidence: _Evidence, lex: Lexicon) -> bool:
    """A nationality word before another name, not a name that opens with one.

    "American Airlines" and "Russian Federation" are names; "Russian Igor
    Kolyvanov" is a nationality and a person.
    """
    if len(run) < 2 or run[0].text not in lex.nationalities:
        return False
    rest = [p.text for p in run[1:]]
    if any(w in lex.org_suffixes or w in lex.place_suffixes for w in rest):
        return False
    return len(rest) >= 2 or _is_known(rest[0], evidence, lex)


def _is_label(run: list[_Piece], lex: Lexicon) -> bool:
    """An ordinary word with a letter: "Group C", "Plan B"."""
    return len(run) == 2 and len(run[1].text) == 1 and lex.is_common_word(run[0].text)


def _is_lower_word_capitalised(piece: _Piece, lex: Lexicon) -> bool:
    return _is_lower_word_capitalised_text(piece.text, lex)


def _is_lower_word_capitalised_text(text: str, lex: Lexicon) -> bool:
    if len(text) > 1 and text.isupper():  # "US", "IT", "WHO" are acronyms, not pronouns
        return False
    return lex.is_function_word(text)


def _strip_title(run: list[_Piece], lex: Lexicon) -> tuple[list[_Piece], bool]:
    """Leading titles go ("President Trump" -> "Trump"); a title alone is no name."""
    if not lex.is_title_word(run[0].text):  # most runs: no leading title, kept whole
        return run, False
    words = [p.text for p in run]
    if words[-1] in lex.org_suffixes and len(words) > 1:  # "General Motors", "Chairman Industries"
        return run, False
    n = 0
    has_title = False
    while n < len(words) and lex.is_title_word(words[n]):
        has_title = has_title or lex.is_title(words[n])
        n += 1
    if not has_title:
        return run, False
    if n == len(words):
        return [], False
    return run[n:], True


def _single_word_is_name(piece: _Piece, evidence: _Evidence, lex: Lexicon) -> bool:
    word = piece.text
    if len(word) == 1 or word in lex.never_alone or word in lex.generic_acronyms:
        return False
    if not piece.initial:
        return True
    return _initial_word_is_name(word, evidence, lex)


def _initial_word_is_name(word: str, evidence: _Evidence, lex: Lexicon) -> bool:
    by_lexicon, common = _INITIAL_WORDS.get(word) or _initial_word_by_lexicon(word, lex)
    if by_lexicon is not None:
        return by_lexicon
    if word in evidence.mid_capitalised:
        return True
    if evidence.writes_in_lowercase(word.lower()):
        return False
    return not common


# What the word lists and its shape say of a capitalised word that opens a
# sentence, the same in every document: (a name or not, or None: the document
# tells; an ordinary English word). Words repeat, so each is looked at once (bounded).
_INITIAL_WORDS: dict[str, tuple[bool | None, bool]] = {}


def _initial_word_by_lexicon(word: str, lex: Lexicon) -> tuple[bool | None, bool]:
    by_lexicon: bool | None = None
    if word in lex.gazetteer:
        by_lexicon = True
    elif is_capitals(word):
        # An acronym or a dateline ("LONDON", "MELBOURNE"), unless it is an
        # easy word set in capitals; the big dictionary knows too many names.
        by_lexicon = word.casefold() in lex.gazetteer_casefolded or not lex.is_easy_word(word)
    elif any(c.isupper() for c in word[1:]):  # "DeepSeek", "McDonald"
        by_lexicon = True
    found = (by_lexicon, by_lexicon is None and lex.is_common_word(word))
    if len(_INITIAL_WORDS) >= _MAX_WORD_SHAPES:
        _INITIAL_WORDS.clear()
    _INITIAL_WORDS[word] = found
    return found


# --- names in capitals-only headlines ------------------------------------------


class _KnownNames:
    """Casefolded name -> its spelling, for matching words set in capitals.

    The document's names (its mentions, and the acronyms of its long names)
    over the gazetteer's, looked up in both rather than copied into one: a
    document with a headline would copy the whole gazetteer.
    """

    def __init__(self, mentions: list[Mention], lex: Lexicon) -> None:
        gazetteer = lex.gazetteer_casefolded
        own: dict[str, str] = {}
        for acronym in _acronyms_of(mentions, lex):
            key = acronym.casefold()
            if key not in gazetteer:
                own.setdefault(key, acronym)
        for mention in mentions:
            own[mention.name.casefold()] = mention.name
        self._own = own
        self._gazetteer = gazetteer
        # "US" in "TELL US" and "WHO" in "WHO WON" are words: capitals cannot tell.
        self._words = lex.function_words
        # The first words of longer names: a key that is none of these grows into no name.
        self.prefixes = lex.gazetteer_casefolded_prefixes | name_prefixes(own)

    def get(self, key: str) -> str | None:
        if key in self._words:
            return None
        name = self._own.get(key)
        return name if name is not None else self._gazetteer.get(key)


def _acronyms_of(mentions: list[Mention], lex: Lexicon) -> set[str]:
    """The initials of the document's long names, as a headline may write them.

    "NHL ICE HOCKEY" over a story about the "National Hockey League": the
    acronym is the name. Not a person's initials ("AP" is not "Andrew
    Park"), and not an ordinary word ("WIN", "AT").
    """
    acronyms = set()
    for mention in mentions:
        words = mention.name.split()
        if len(words) < 2 or words[0] in lex.first_names or is_capitals(mention.name):
            continue
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if 2 <= len(initials) <= _MAX_ACRONYM_LETTERS and not lex.is_easy_word(initials):
            acronyms.add(initials)
    return acronyms


def is_capitals(text: str) -> bool:
    """Two letters or more, all capitals: "SCMP", "LONDON", "U.S."."""
    letters = 0
    for c in text:  # stops at the first lowercase letter: "Apple" at its second
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2


def _headline_mentions(document, pieces: list[_Piece], known: _KnownNames) -> list[Mention]:
    label = _table_row_label(pieces)
    if label:  # "TAMPA BAY 8 15 2 69 81 18"
        name = " ".join(p.text for p in label)
        return [replace(_mention(document, label, None), name=known.get(name.casefold()) or name)]
    # The longest known name of up to _MAX_HEADLINE_NAME_WORDS pieces joined by plain gaps, at each
    # piece. Keys grow one piece at a time (casefolding works character by character, so a joined
    # key is the joined casefolded pieces), and only while they open a longer known name: a
    # constant number of steps per piece, most often none.
    folded = [p.text.casefold() for p in pieces]
    prefixes = known.prefixes
    mentions = []
    i = 0
    while i < len(pieces):
        key, best = folded[i], 0
        if known.get(key) is not None:
            best = 1
        last = min(i + _MAX_HEADLINE_NAME_WORDS, len(pieces))
        j = i + 1
        while j < last and key in prefixes and _is_gap(pieces[j - 1].gap_after):
            key += " " + folded[j]
            j += 1
            if known.get(key) is not None:
                best = j - i
        if best:
            start, end = pieces[i].start, pieces[i + best - 1].end
            name = known.get(" ".join(folded[i : i + best]))
            mentions.append(_new_mention(start, end, document.text[start:end], name))
            i += best
        else:
            i += 1
    return mentions


def _table_row_label(pieces: list[_Piece]) -> list[_Piece]:
    """The words that open a row of figures, or [] if this is not such a row."""
    if len(pieces) <= _MIN_TABLE_FIGURES or not pieces[-1].text[:1].isdigit():  # most sentences at once
        return []
    n = 0
    while n < len(pieces) and not pieces[n].text[:1].isdigit():
        if n == _MAX_TABLE_LABEL_WORDS or not _is_gap(pieces[n].gap_after):
            return []
        n += 1
    figures = pieces[n:]
    if n == 0 or len(figures) < _MIN_TABLE_FIGURES or not all(p.text[:1].isdigit() for p in figures):
        return []
    return pieces[:n]


def normalise(name: str) -> str:
    """A name as one line: a name wrapped across lines is still one spelling."""
    return " ".join(name.split())
