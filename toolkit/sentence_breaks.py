"""Sentence ends certain enough to need no pysbd, and pieces pysbd would leave whole.

pysbd's cost grows with the text it is given and with every abbreviation
found in it; most of a news article is plain sentences it cannot get wrong.
So a block is first cut where a sentence surely ends, and only the pieces
that hold something ambiguous (an abbreviation, a decimal, an initial, an
ellipsis, a list marker, a bracket) go to pysbd. Both tests lean towards
"not sure": a piece that is not cut, or not called plain, simply goes to
pysbd, as every piece did before.

A sure end: a word of two letters or more that is not one of pysbd's titles
("Mr.", "Dr.", "Gen."; pysbd's other abbreviations, "etc.", "Corp.", "no.",
keep their period only before a lower-case word, a digit or "I"; Roman
numerals such as "iii." or words that look like them, "did.", are list items
to pysbd only as single letters, "i."), or a number (one of one or two digits
only where pysbd cannot read it as a list item's: not at the start, and no
other such number in the block), or a number with a unit or suffix straight
after it ("20m", "1990s", "23%": every pysbd rule that keeps a period inside
a sentence wants a space, a line's start or a digit right before the letter
or digits it looks at, or a digit after the period); then ".", "!" or "?"
(maybe with a closing bracket or quotation mark before or after it),
whitespace and a capital letter; outside brackets, guillemets
and single quotation marks, which pysbd never cuts inside. Double quotation
marks do not protect: textkit cuts inside them itself at these same places
(segment._split_quotations).

A plain piece: no sentence punctuation before its end except a period pysbd
never ends at ("3.5", "Mr. Smith", "site.com") and "…" (which pysbd ignores),
no list marker or bullet, and round brackets only around words that are not a
list marker ("(NSA) now has"); square ones anywhere ("[the Banksy]").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import Iterator

# The stop, closing quotation mark(s) after it ("ice cream.” Most", "this.'” Then"),
# the space to cut, a capital next. The word before the stop (two letters or
# more, or a number of three digits or more: a list item's number has at most
# two), maybe with a closing mark between ("analysis”."), is checked by
# _word_before: a pattern starting at the word would be tried at every word of
# the text, one starting at the stop only where there is one.
_CANDIDATE = re.compile(r"([.!?])((?:['’]?[”\"])?)(\s+)(?=[“\"]?[A-Z])")
_CLOSERS_BEFORE_STOP = "”’\"')]"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_DIGITS = frozenset("0123456789")
# What pysbd's [a-zA-Z0-9_] holds, and without its digits.
_ASCII_WORD_NOT_DIGIT = frozenset(_ASCII_LETTERS | {"_"})
_ASCII_WORD = frozenset(_ASCII_WORD_NOT_DIGIT | _ASCII_DIGITS)
# After any other of pysbd's abbreviations a period ends a sentence before a
# capital, except before "I" as a word ("me. I think", "no. I'm").
# Every number pysbd reads as a list item's ends so: one or two digits, a period, a space or a bracket.
# Written (?<!\d)\d{1,2}\.[\s)] but starting with the digit, which lets re skip to digits in C
# instead of trying the lookbehind at every character: the lookbehind after the first digit
# (two characters: the one before it and itself) fails exactly when the one before it is a digit.
_LIST_NUMBER_END = re.compile(r"\d(?<!\d\d)\d?\.[\s)]")
_I_NEXT = re.compile(r"\sI(?:\s|'m|'ll)")
# What pysbd protects: brackets, guillemets and single quotation marks. A
# mark is found by one character class (a fast scan) and told opener or
# closer by its neighbours; each kind keeps its own count, so an apostrophe
# ("the workers’ pay") closes nothing that a bracket opened.
_PAIR_MARKS = "()[]«»‘’'"
_PAIR_MARK = re.compile(r"[()\[\]«»‘’']")
_MATCH_START = re.Match.start
_OPENS = {"(": 0, "[": 1, "«": 2, "‘": 3}
_CLOSES = {")": 0, "]": 1, "»": 2}
_KINDS = 4
# Anything that may make pysbd cut inside a piece (or not where it ends):
# sentence punctuation before the end, list markers and bullets, brackets,
# pysbd's own placeholder characters.
NOT_PLAIN = re.compile(r"[.!?…。．！？)\]•⁃‣◦∯♨☏☺☹☃☄☇☈☉ȸȹ\r\n]")
# What makes pysbd cut a piece: the same without "…", which pysbd's English rules and code
# never mention (its ellipsis rules are about "..."), and which no class in its patterns tells
# from "–" (both neither space, word character nor digit, and uncased): pysbd reads it as any
# other mark inside a sentence, as it reads "–", and a piece holding one goes to pysbd for nothing.
_PYSBD_MAY_CUT = re.compile(NOT_PLAIN.pattern.replace("…", ""))
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_END = re.compile(r"[.!?…]+[\"”’')\]]*$")
_END_CLOSERS, _END_STOPS = "\"”’')]", ".!?…"
_STOPS = frozenset(".!?…")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(a.lower() for a in English.Abbreviation.ABBREVIATIONS)


@lru_cache(maxsize=1)
def _prepositive() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(a.lower() for a in English.Abbreviation.PREPOSITIVE_ABBREVIATIONS)


def _list_numbers(text: str, start: int, end: int) -> int:
    """How many numbers pysbd would read as list items' in text[start:end] (as its
    NUMBERED_LIST_REGEX_1 finds them), counted exactly only when it may be more than one."""
    # On the block as pysbd would see it: "^" is its start, and nothing before it is seen.
    block = text[start:end]
    ends = [match.start() for match in _LIST_NUMBER_END.finditer(block)]
    if len(ends) <= 1:
        return len(ends)  # each of them ends with one of these: at most one
    # pysbd's pattern (a dozen alternatives with lookbehinds, slow to scan) tried only where one
    # may start: at the number, or at the space before it (match(block, at) sees what is before ``at``).
    pattern = _list_number()
    return sum(1 for at in ends if pattern.match(block, at) or (at > 0 and pattern.match(block, at - 1)))


@lru_cache(maxsize=1)
def _list_number() -> re.Pattern:
    from pysbd.lists_item_replacer import ListItemReplacer

    return re.compile(ListItemReplacer.NUMBERED_LIST_REGEX_1)


def _never_an_end(text: str, at: int, start: int) -> bool:
    """A period pysbd never ends a sentence at: between digits ("3.5"), inside a
    token ("site.com"), or after a title before a space ("Mr. Smith", "Dr. Jones":
    pysbd protects these whatever follows)."""
    following = text[at + 1 : at + 2]
    if text[at - 1 : at].isdigit() and following.isdigit():
        return True
    if following in _ASCII_WORD_NOT_DIGIT and at - 2 >= start and text[at - 2] in _ASCII_WORD and text[at - 1] in _ASCII_WORD:
        # Inside a token ("Babyklar.nu", "site.com"): pysbd's WithMultiplePeriodsAndEmailRule
        # (\w)(\.)(\w) hides it before it looks for ends (rules that run first only ever hide a
        # period). Two characters before it: a single letter could be a list item's ("a.b"),
        # and in "a.b.c" the rule's previous match takes the "b". Not a digit after it:
        # "word.12 Next" is a numbered reference, which pysbd cuts after.
        return True
    if not following.isspace():
        return False
    word_start = at
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    # pysbd reads the start of its text as a space before the word.
    starts_a_word = word_start == start or text[word_start - 1].isspace()
    return starts_a_word and text[word_start:at].lower() in _prepositive()


def _pair_mark(text: str, at: int) -> tuple[int | None, bool]:
    """(kind, opens) of the mark at ``at``; kind None for an apostrophe inside a word ("don't")."""
    char = text[at]
    if char in _OPENS:
        return _OPENS[char], True
    if char in _CLOSES:
        return _CLOSES[char], False
    following = text[at + 1 : at + 2]
    if char == "'" and (at == 0 or text[at - 1].isspace()):
        return 3, True
    if following.isascii() and following.isalpha():
        return None, False  # "don't", "workers’s"
    return 3, False  # "’" or "'" closing: "the ‘plan’ failed", "'no way.'"


def _word_before(text: str, stop: int, start: int) -> tuple[str, str] | None:
    r"""(word, closing mark) ending just before the stop at ``stop``, as
    ``\b([A-Za-z]{2,}|[0-9]+[A-Za-z]+|[0-9]+%|\d+)([”’"')\]]?)`` would match them
    starting at or after ``start``."""
    before = text[stop - 1] if stop - 1 >= start and text[stop - 1] in _CLOSERS_BEFORE_STOP else ""
    word_end = word_start = stop - len(before)
    if word_end - 1 >= start and text[word_end - 1] in _ASCII_LETTERS:
        while word_start > start and text[word_start - 1] in _ASCII_LETTERS:
            word_start -= 1
        shortest = 2
        if word_start > start and text[word_start - 1] in _ASCII_DIGITS:  # "20m", "1990s", "3rd"
            word_start = _digits_before(text, word_start - 1, start)
            shortest = 1
    elif word_end - 2 >= start and text[word_end - 1] == "%" and text[word_end - 2] in _ASCII_DIGITS:  # "23%"
        word_start = _digits_before(text, word_end - 2, start)
        shortest = 1
    elif word_end - 1 >= start and text[word_end - 1].isalpha():  # "café"
        return _foreign_word(text, word_end, start, before)
    else:
        while word_start > start and text[word_start - 1].isdecimal():
            word_start -= 1
        shortest = 1  # a number of one or two digits may be a list item's: see sure_cuts
    if word_end - word_start < shortest:
        return None
    if word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "_"):
        if shortest == 2 and text[word_start - 1].isalpha():  # "Jägerskog"
            return _foreign_word(text, word_end, start, before)
        return None  # no word boundary: "ab123.", "x20m."
    return text[word_start:word_end], before


# Letters outside ASCII that re's IGNORECASE takes for ASCII ones: Kelvin sign, long s, dotless
# i, dotted capital I.
_ASCII_LOOKALIKES = frozenset("\u212a\u017f\u0131\u0130")


def _foreign_word(text: str, word_end: int, start: int, before: str) -> tuple[str, str] | None:
    """A word of letters ending at ``word_end`` with one outside ASCII ("Jägerskog", "café"):
    a sure end like an ASCII word of two letters or more, since no rule of pysbd keeps such
    a word's period. Its abbreviations are ASCII, and a period is one's only after the whole
    word matched one, case ignored ("Jan" in "Janßen." is not); its other rules look at
    single letters, digits, or a period inside a token. Not after a digit ("3Jäger"), and
    not "…Co" (pysbd keeps "Co. KG" together)."""
    word_start = word_end
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    if word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "_"):
        return None
    word = text[word_start:word_end]
    if len(word) < 2 or word.endswith("Co") or all(char.isascii() or char in _ASCII_LOOKALIKES for char in word):
        return None
    return word, before


def _digits_before(text: str, at: int, start: int) -> int:
    """Where the run of ASCII digits ending with the one at ``at`` starts (not before ``start``)."""
    while at > start and text[at - 1] in _ASCII_DIGITS:
        at -= 1
    return at


# A try at one stop costs about as much as re's scan of 64 characters (valgrind, news and "Yes. " texts):
# with more stops (or pair marks) than one per that many characters, one scan.
_STOP_DENSITY = 64


def _candidates(text: str, start: int, end: int) -> Iterator[re.Match]:
    """_CANDIDATE.finditer(text, start, end), found faster: a match starts at a stop and
    takes only quotation marks and whitespace after it, so no match starts inside another
    and each stop needs only one try. The stops are found by str.find, which runs through
    the text in C many times faster than re tests a character class at every character."""
    stops = _positions(text, ".!?", start, end, (end - start) // _STOP_DENSITY)
    if stops is None:
        # Stops everywhere ("Yes. Yes. Yes."): one scan costs less than a try at each.
        return _CANDIDATE.finditer(text, start, end)
    return filter(None, map(_CANDIDATE.match, repeat(text), stops, repeat(end)))


def _positions(text: str, chars: str, start: int, end: int, most: int | None = None) -> list[int] | None:
    """Where any of ``chars`` stands in text[start:end], in order: what re's finditer of the
    character class would find, but by str.find (C, many times faster than re testing the
    class at every character), so a Python step only per character found. None when there
    are more than ``most``."""
    positions = []
    for char in chars:
        at = text.find(char, start, end)
        while at != -1:
            positions.append(at)
            at = text.find(char, at + 1, end)
            if most is not None and len(positions) > most:
                return None
    positions.sort()
    return positions


def sure_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut at sure sentence ends, as (start, end) pieces without the whitespace between."""
    abbreviations, prepositive = _abbreviations(), _prepositive()
    list_numbers = None  # how many numbers in the text pysbd could read as a list's
    pieces = []
    depths = [0] * _KINDS
    mark_positions = _positions(text, _PAIR_MARKS, start, end, (end - start) // _STOP_DENSITY)
    if mark_positions is None:  # marks everywhere ("(a(a(a"): read lazily, as far as the cuts go
        marks = map(_MATCH_START, _PAIR_MARK.finditer(text, start, end))
    else:
        marks = iter(mark_positions)
    mark_ahead = next(marks, None)
    piece_start = start
    for match in _candidates(text, start, end):
        found = _word_before(text, match.start(), start)
        if found is None:
            continue
        word, before = found
        mark, after, space = match.group(1, 2, 3)
        cut = match.start(3)
        while mark_ahead is not None and mark_ahead < cut:
            kind, opens = _pair_mark(text, mark_ahead)
            if kind is not None:
                # A stray closer ("the players' bags") opens nothing for later.
                depths[kind] = depths[kind] + 1 if opens else max(depths[kind] - 1, 0)
            mark_ahead = next(marks, None)
        if after and (before or space != " "):
            continue  # pysbd cuts after a closing quotation mark only before exactly one space
        if any(depths):
            continue
        if word.isdecimal() and len(word) <= 2:
            # A list item's number ("2. The next")? pysbd treats it as one only at
            # its text's start, after "\r", or when another number of the same shape
            # is in the text (it looks for consecutive ones): then pysbd decides.
            word_start = match.start() - len(before) - len(word)
            if before or word_start == start or text[word_start - 1] == "\r":
                continue
            if list_numbers is None:
                list_numbers = _list_numbers(text, start, end)
            if mark == "." and list_numbers > 1:
                continue
        elif mark == "." and not before:
            word = word.lower()
            if word in abbreviations and (word in prepositive or _I_NEXT.match(text, cut)):
                continue  # "Mr. Smith"; "me. I think": pysbd keeps these periods
        pieces.append((piece_start, cut))
        piece_start = match.end(3)
    pieces.append((piece_start, end))
    return [p for p in pieces if p[0] < p[1]]


def is_plain(text: str, start: int, end: int) -> bool:
    """True when pysbd would return text[start:end] whole: nothing in it but words,
    commas, quotes and dashes, and at most closing punctuation at its end."""
    if text[end - 1 : end] in _STOPS and _PYSBD_MAY_CUT.search(text, start, end - 1) is None:
        return True  # "Yes.", "It rained.": nothing to look at but the final stop
    for match in _PYSBD_MAY_CUT.finditer(text, start, _body_end(text, start, end)):
        char, at = match.group(), match.start()
        if char == "." and _never_an_end(text, at, start):
            continue
        if char == ")" and _plain_parenthesis(text, at, start, end):
            continue
        if char == "]" and text.find("\\", start, end) == -1:
            # pysbd's rules read a square bracket only to hide sentence punctuation
            # between brackets and to cut after a numbered reference (".[1] The"), whose
            # period makes the piece not plain anyway; a backslash would be unescaped.
            continue
        return False
    return True


def _body_end(text: str, start: int, end: int) -> int:
    """Where _END's match in text[start:end] starts (``end`` without one): the run of stops
    before the closing marks that end the text, found by str.rstrip from the end instead of
    by re trying every stop of the text."""
    if text[end - 1 : end] == "\n":  # "$" may also match before a final line break
        ending = _END.search(text, start, end)
        return ending.start() if ending else end
    without_closers = text[start:end].rstrip(_END_CLOSERS)
    without_stops = without_closers.rstrip(_END_STOPS)
    return start + len(without_stops) if len(without_stops) < len(without_closers) else end


def _plain_parenthesis(text: str, at: int, start: int, end: int) -> bool:
    """A closing bracket pysbd reads as part of the sentence: "(NSA) now has", "(11% each), as".

    Not a list marker ("1)", "(a)", "(ii)", "(12)"), and not followed by a
    capital (pysbd may make a segment of a parenthesis there).
    """
    opening = text.rfind("(", start, at)
    if opening == -1 or ")" in text[opening + 1 : at]:
        return False
    inside = text[opening + 1 : at]
    if len(inside) < 2 or inside.isdigit() and len(inside) <= 2 or inside.isalpha() and inside.islower():
        return False
    return _CAPITAL_NEXT.match(text, at + 1, end) is None
