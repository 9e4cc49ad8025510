"""pysbd with its regular expressions compiled once per process.

pysbd writes its patterns as strings and hands them to ``re.sub``,
``re.search`` and friends on every call; many are built per abbreviation, so
there are more of them than ``re``'s own cache holds (512), and most calls
recompile their patterns. That was over half of textkit's segmentation time.
Each pysbd module that imported ``re`` gets a stand-in whose functions look
the compiled pattern up in a bounded cache of our own; the patterns and what
they do are pysbd's, unchanged.

Second, pysbd looks for each of its ~190 abbreviations at every word that
starts with it ("is" in "island") and rewrites the whole text once per such
word, which makes a call quadratic in its length. Every one of those
rewrites changes only an abbreviation followed by a period, so an
abbreviation whose "abbr." appears nowhere in the text cannot change it; the
replacer is given only the abbreviations that do appear. The result is the
same, character for character.

Third, a few of pysbd's patterns try an alternation of lookbehinds at every
character (list items, quotations) although a match needs a character most
pieces lack (a digit, a bracket, "“"); those calls first look for that
character, and without it give what the pattern would: no match.

Fourth, pysbd locates each sentence it found by searching the whole text from
its start for every sentence, which is quadratic when sentences repeat ("Yes.
Yes. Yes."); here each is looked for from where the previous one ended.

Fifth, a piece of text pysbd has seen lately is not segmented again (:func:`sentences`).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from string import ascii_letters, digits
from typing import Callable

try:  # Python 3.11 on
    import re._constants as C
    import re._parser as re_parser
except ImportError:  # Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as re_parser  # type: ignore[no-redef]

# pysbd's fixed patterns plus one per abbreviation and spelling met in text:
# a few thousand at most, so the cache never evicts in practice and stays bounded.
_CACHE_SIZE = 8192
_WORD_BEFORE_PERIOD = re.compile(r"(?<!\S)([a-z]+)\.")
_SPACES = re.compile(r"\s*")


@lru_cache(maxsize=_CACHE_SIZE)
def _compiled(pattern, flags: int) -> re.Pattern:
    return re.compile(pattern, flags)


# pattern -> a compiled pattern that finds something wherever the first can match
# (whatever the flags it is called with); filled by segmenter().
_PRECHECKS: dict[str, re.Pattern] = {}


@lru_cache(maxsize=_CACHE_SIZE)
def _checked(pattern, flags: int) -> tuple[re.Pattern, Callable[[str], object] | None]:
    """The compiled pattern, and a quick test that is false where it cannot match (None: no such test)."""
    compiled = _compiled(pattern, flags)
    check = _PRECHECKS.get(pattern)
    if check is not None:
        return compiled, check.search
    needed = _telling_need(compiled)
    return compiled, _holds(needed) if needed else None


def _holds(needed: Need) -> Callable[[str], bool]:
    """Whether a text holds the string or one of the characters ``needed``. A pysbd call runs
    a hundred such tests on its text: str's "in" finds a string or a character many times
    faster than a compiled pattern's search (no matcher to set up, no step per character)."""
    if isinstance(needed, str):

        def holds_string(text: str) -> bool:
            return needed in text

        return holds_string
    chars = "".join(sorted(needed))

    def holds_one(text: str) -> bool:
        for char in chars:
            if char in text:
                return True
        return False

    return holds_one


# Characters most text pysbd sees holds: a check for one of them saves nothing.
_COMMON = frozenset(" .,\n\t" + ascii_letters + digits)
# What a text must hold for a pattern to match in it: one of a set of characters, or a string.
Need = "frozenset[str] | str"


def _telling_need(compiled: re.Pattern) -> Need | None:
    """What any text the pattern can match in holds that most texts do not: a character
    none of them common, or a string of two characters or more; None when it needs neither."""
    parsed = re_parser.parse(compiled.pattern, compiled.flags)
    needs = [need for need in _needs(parsed.data, bool(parsed.state.flags & re.IGNORECASE)) if _telling(need)]
    return max(needs, key=_rank) if needs else None


def _telling(need: Need) -> bool:
    return len(need) >= 2 if isinstance(need, str) else not need & _COMMON


def _rank(need: Need) -> tuple[bool, bool, int]:
    # An uncommon character first, then a string over a set (it says more), then the longer.
    uncommon = not set(need) <= _COMMON if isinstance(need, str) else not need & _COMMON
    return uncommon, isinstance(need, str), len(need) if isinstance(need, str) else -len(need)


_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))  # possessive: 3.11 on
_ATOMIC = getattr(C, "ATOMIC_GROUP", None)


def _needs(items, ignore_case: bool) -> list[Need]:
    """What a match of the parsed ``items`` holds (or its lookarounds see: they too read
    the text): one character of each set, and each string. Cased letters are left out
    when case is ignored (other characters may then match them)."""
    needs: list[Need] = []
    run: list[str] = []  # literal characters in a row: the text holds them as one string

    def end_run() -> None:
        if len(run) >= 2:
            needs.append("".join(run))
        run.clear()

    for op, av in items:
        literal = _literal(op, av, ignore_case)
        if literal is not None:
            needs.append(frozenset(literal))
            run.append(literal)
            continue
        if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
            literal = _literal(*av[2][0], ignore_case)
            if literal is not None:  # "\.{3}": the character, at least av[0] times in a row
                needs.append(frozenset(literal))
                run.extend(literal * min(av[0], 16))
                if av[1] != av[0]:  # more may follow: what comes next is after the last of them
                    end_run()
                    run.extend(literal * min(av[0], 16))
                continue
        end_run()
        chars = None
        if op is C.IN:
            chars = _class_chars(av)
        elif op is C.SUBPATTERN:
            needs += _needs(av[3], ignore_case or bool(av[1] & re.IGNORECASE))
        elif op in _REPEATS:
            if av[0] >= 1:
                needs += _needs(av[2], ignore_case)
        elif op is _ATOMIC:
            needs += _needs(av, ignore_case)
        elif op is C.ASSERT:  # a lookahead or lookbehind that must hold (not ASSERT_NOT)
            needs += _needs(av[1], ignore_case)
        elif op is C.BRANCH:
            # The most telling character set of each alternative: a match holds one of their union.
            each = [max((n for n in _needs(branch, ignore_case) if not isinstance(n, str)), key=_rank, default=None)
                    for branch in av[1]]  # fmt: skip
            if all(each):
                chars = set().union(*each)
        if chars and not (ignore_case and any(map(_cased, chars))):
            needs.append(frozenset(chars))
    end_run()
    return needs


def _literal(op, av, ignore_case: bool) -> str | None:
    """The character a parsed LITERAL matches (None for anything else, or a cased letter when case is ignored)."""
    if op is not C.LITERAL:
        return None
    char = chr(av)
    return None if ignore_case and _cased(char) else char


def _cased(char: str) -> bool:
    return char.isalpha() or char.lower() != char or char.upper() != char


def _class_chars(items) -> set[str] | None:
    """The characters of a parsed character class, None when it is negated or has a category."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 256:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return chars


class _CompiledOnce:
    """The part of the ``re`` module pysbd uses, with compiled patterns reused, and
    patterns that cannot match a text (it lacks a character every match needs) not run on it."""

    def __getattr__(self, name):  # constants (re.IGNORECASE), escape, error, ...
        return getattr(re, name)

    @staticmethod
    def compile(pattern, flags=0):
        return _compiled(pattern, flags)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        compiled, check = _checked(pattern, flags)
        if check is not None and not check(string):
            return string
        return compiled.sub(repl, string, count)

    @staticmethod
    def subn(pattern, repl, string, count=0, flags=0):
        return _compiled(pattern, flags).subn(repl, string, count)

    @staticmethod
    def search(pattern, string, flags=0):
        compiled, check = _checked(pattern, flags)
        if check is not None and not check(string):
            return None
        return compiled.search(string)

    @staticmethod
    def match(pattern, string, flags=0):
        return _compiled(pattern, flags).match(string)

    @staticmethod
    def fullmatch(pattern, string, flags=0):
        return _compiled(pattern, flags).fullmatch(string)

    @staticmethod
    def findall(pattern, string, flags=0):
        compiled, check = _checked(pattern, flags)
        if check is not None and not check(string):
            return []
        return compiled.findall(string)

    @staticmethod
    def finditer(pattern, string, flags=0):
        return _compiled(pattern, flags).finditer(string)

    @staticmethod
    def split(pattern, string, maxsplit=0, flags=0):
        return _compiled(pattern, flags).split(string, maxsplit)


def _apply_rules(text, *rules):
    """pysbd's ``Text.apply``: each rule's re.sub in turn, as _CompiledOnce.sub does it."""
    for rule in rules:
        compiled, check = _checked(rule.pattern, 0)
        if check is None or check(text):
            text = compiled.sub(rule.replacement, text)
    return text


@lru_cache(maxsize=1024)
def _language_with(abbreviations: tuple[str, ...]):
    """pysbd's English, knowing only ``abbreviations`` (the rest of its rules unchanged)."""
    from pysbd.lang.english import English

    only = type("Abbreviation", (English.Abbreviation,), {"ABBREVIATIONS": list(abbreviations)})
    return type("English", (English,), {"Abbreviation": only})


def _narrowed_replacer(english):
    # Each abbreviation with its place in pysbd's list, which the narrowed list keeps:
    # alphabetic ones by word (a set intersection finds those present), the
    # few others ("e.g", "ph.d") with the text they need.
    by_word: dict[str, list[tuple[int, str]]] = {}
    others = []
    for position, a in enumerate(english.Abbreviation.ABBREVIATIONS):
        stripped = a.strip()
        if stripped.isalpha():
            by_word.setdefault(stripped, []).append((position, a))
        else:
            others.append((position, a, stripped + "."))

    class AbbreviationReplacer(english.AbbreviationReplacer):
        def search_for_abbreviations_in_string(self, text):
            lowered = text.lower()
            # Every rewrite needs whitespace (or the start), the abbreviation, a period.
            words = set(_WORD_BEFORE_PERIOD.findall(lowered))
            found = [entry for word in words.intersection(by_word) for entry in by_word[word]]
            found += [(position, a) for position, a, needed in others if needed in lowered]
            present = tuple(a for _, a in sorted(found))
            language, self.lang = self.lang, _language_with(present)
            try:
                return super().search_for_abbreviations_in_string(text)
            finally:
                self.lang = language

        def replace_abbreviation_as_sentence_boundary(self):
            # Its pattern (built anew on every call) needs a "∯" in every match.
            if "∯" not in self.text:
                return self.text
            return super().replace_abbreviation_as_sentence_boundary()

    return AbbreviationReplacer


def _list_items_replacer(lists, letter_then_period: re.Pattern):
    """pysbd's ListItemReplacer, returning a text with nothing list-like at once."""

    class ListItemReplacer(lists):
        def add_line_break(self):
            # Every rewrite add_line_break makes needs one of these: a ")" (lists with
            # brackets), a number then "." and a space or ")" (numbered lists), a single
            # letter after a space or the start then "." (alphabetical and Roman ones),
            # or one of its own markers already in the text (it turns them into others).
            # Without them it returns the text as it is, after some thirty pattern calls.
            text = self.text
            if (
                ")" in text
                or "♨" in text
                or "☝" in text
                or _NUMBER_THEN_PERIOD.search(text)
                or letter_then_period.search(text)
            ):
                return super().add_line_break()
            return text

    return ListItemReplacer


_NUMBER_THEN_PERIOD = re.compile(r"\d\.[\s)]")


@lru_cache(maxsize=1)
def segmenter():
    """An English pysbd Segmenter (clean=False) whose modules reuse compiled patterns."""
    import pysbd  # imported on first use: the CLI's --help must not pay for it
    import pysbd.segmenter  # noqa: F401 (loads the modules patched below)

    stand_in = _CompiledOnce()
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = stand_in
    from pysbd.between_punctuation import BetweenPunctuation
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer as Lists
    from pysbd.utils import Text, TextSpan

    # pysbd's Text.apply runs each rule through re.sub: the stand-in's, one call fewer per rule.
    Text.apply = _apply_rules

    # What every match of these needs (read from each pattern: each of its alternatives has it).
    # Case-insensitive: a superset of what the patterns match with or without re.IGNORECASE.
    letter_then_period = r"\.(?:(?<=\s[a-z]\.)|(?<=^[a-z]\.))"  # "(?<=^|\A|\s)[a-z](?=\.)"
    needs = {
        Lists.NUMBERED_LIST_REGEX_1: r"\d\.[\s)]", Lists.NUMBERED_LIST_REGEX_2: r"\d\.[\s)]",
        Lists.NUMBERED_LIST_PARENS_REGEX: r"\d\)\s",
        Lists.ALPHABETICAL_LIST_WITH_PARENS: r"\)", Lists.EXTRACT_ALPHABETICAL_LIST_LETTERS_REGEX: r"\)",
        Lists.ROMAN_NUMERALS_IN_PARENTHESES: r"\(",
        Lists.ALPHABETICAL_LIST_WITH_PERIODS: letter_then_period,
        Lists.ALPHABETICAL_LIST_LETTERS_AND_PERIODS_REGEX: letter_then_period,
        BetweenPunctuation.BETWEEN_QUOTE_SLANTED_REGEX_2: "“",
        BetweenPunctuation.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX: "‘",
        English.NUMBERED_REFERENCE_REGEX: r"[.∯][\[\d]",
        # As AbbreviationReplacer.replace_abbreviation_as_sentence_boundary builds it.
        r"(U∯S|U\.S|U∯K|E∯U|E\.U|U∯S∯A|U\.S\.A|I|i.v|I.V)∯({})".format(
            "|".join(r"(?=\s{}\s)".format(word) for word in English.AbbreviationReplacer.SENTENCE_STARTERS)
        ): "∯",
        # Rules pysbd runs on every text that look around every character (a lookbehind
        # first, or a class most characters are in): the check starts at the period they
        # need, which re finds by a fast scan, or is anchored at the text's start.
        English.SingleLetterAbbreviationRules.SingleUpperCaseLetterRule.pattern: r"\.(?<=\s[A-Z]\.)",
        English.SingleLetterAbbreviationRules.SingleUpperCaseLetterAtStartOfLineRule.pattern: r"\A[A-Z]\.",
        English.EllipsisRules.ThreeSpaceRule.pattern: r"\.\s\.", English.EllipsisRules.FourSpaceRule.pattern: r"\.\s\.",
        English.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern: r"\.(?<=[a-zA-Z0-9_]\.)(?=[a-zA-Z0-9_])",
        English.MULTI_PERIOD_ABBREVIATION_REGEX: r"\.(?<=[a-z]\.)(?=[a-z])",
        English.Numbers.StartLineNumberPeriodRule.pattern: r"\A\d\.",
        English.Numbers.StartLineTwoDigitNumberPeriodRule.pattern: r"\A\d\d\.",
        English.Numbers.NumberAfterPeriodBeforeLetterRule.pattern: r"\.(?<=\d\.)(?=\S)",
        English.CONTINUOUS_PUNCTUATION_REGEX: r"[!?]{3}",
        English.FileFormatRule.pattern: r"\.(?<=\s\.)",
    }  # fmt: skip
    _PRECHECKS.update({pattern: re.compile(check, re.IGNORECASE) for pattern, check in needs.items()})
    pysbd.processor.ListItemReplacer = _list_items_replacer(Lists, re.compile(letter_then_period, re.IGNORECASE))

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences):
            # pysbd's takes, for each sentence, the first occurrence of it (and the
            # whitespace after) that ends past the previous one, scanning from 0.
            text, spans, prior_end = self.original_text, [], 0
            for sentence in sentences:
                found = text.find(sentence, prior_end)
                if found == -1:
                    continue  # rewritten by pysbd: pysbd drops it too
                end = _SPACES.match(text, found + len(sentence)).end()
                if end > prior_end:
                    spans.append(TextSpan(text[found:end], found, end))
                    prior_end = end
            return spans

    fast = Segmenter(language="en", clean=False)
    fast.language_module = type("English", (English,), {"AbbreviationReplacer": _narrowed_replacer(English)})
    return fast


@lru_cache(maxsize=1024)
def sentences(text: str) -> tuple[str, ...]:
    """pysbd's sentences of ``text`` (as :func:`segmenter` gives them), remembered for
    texts seen lately: pysbd costs 100 µs or more a call whatever the length,
    and text that repeats a piece ("“Hi!” he said. " a thousand times) would
    pay that for each. pysbd's output depends on the text alone."""
    return tuple(segmenter().segment(text))
