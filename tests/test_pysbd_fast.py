"""pysbd_fast's quick checks: a pattern is not run on a text that lacks a character every match needs."""

from __future__ import annotations

import random
import re

import pytest

from textkit import pysbd_fast
from textkit.pysbd_fast import _telling_need


@pytest.mark.parametrize(
    "pattern, flags, needed",
    [
        (r"\(((?=[mdclxvi])m*(c[md]|d?c*)(x[cl]|l?x*)(i[xv]|v?i*))\)(?=\s[A-Z])", 0, {"("}),
        (r"(?<=\S)(!|\?){3,}(?=(\s|\Z|$))", 0, {"!", "?"}),
        (r"[!?\.-][\"\'“”]\s{1}[A-Z]", 0, {'"', "'", "“", "”"}),  # "." is in most texts: the quotes are asked for
        (r"(?<=a∯m)∯(?=\s[A-Z])", 0, "a∯m"),  # a string rather than one of its characters
        (r"(?<={me} ).{1}", 0, "{me} "),
        (r"!Xũ|!Kung|Yahoo!|Y!J", 0, {"!"}),  # one of the alternatives' most telling characters
        (r"(?<=\S)\.{3}(?=\.\s[A-Z])", 0, "..."),  # a repeated character
        (r"x\.{2,}y", 0, "x.."),  # "x...y" holds "x.." and "..y", not "x..y"
        (r"(?<=Co)\.(?=\sKG)", 0, "Co"),  # the lookbehind's string (the lookahead's "KG" ranks the same)
        (r"x∯?y", 0, None),  # an optional character is not needed
        (r"x(?!∯)", 0, None),  # nor one a negative lookahead rules out
        (r"∯|x", 0, None),  # nor one of two alternatives
        (r"[^∯]", 0, None),
        (r"é", re.IGNORECASE, None),  # a cased letter matches others when case is ignored
        (r"(?i:é)∯", 0, {"∯"}),
        (r"\.", 0, None),  # only a common character: no check
    ],
)
def test_what_a_match_needs(pattern, flags, needed):
    found = _telling_need(re.compile(pattern, flags))
    assert (found if found is None or isinstance(found, str) else set(found)) == needed


def test_a_check_never_skips_a_text_where_the_pattern_matches():
    patterns = [key for key in _checked_patterns()]
    assert len(patterns) > 50
    rng = random.Random(7)
    # Characters and strings the checks ask for, among others.
    pieces = list("aZ1 .,!?()[]-'\"“”‘’«»∯♨☝&ᓴ{}me\n°") + ["Co", " KG", "...", "a∯m", "U∯S", "p∯m", " A ", "Yahoo!", "{me} "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    for pattern, flags in patterns:
        compiled, check = pysbd_fast._checked(pattern, flags)
        for text in texts:
            if check is not None and not check(text):
                assert compiled.search(text) is None, (pattern, text)


def _checked_patterns():
    # The patterns pysbd ran through the stand-in so far (the cache holds them all: it is large enough).
    seen = set()
    original = pysbd_fast._checked

    def remember(pattern, flags=0):
        seen.add((pattern, flags))
        return original(pattern, flags)

    pysbd_fast._checked = remember
    try:
        pysbd_fast.sentences.cache_clear()
        pysbd_fast.sentences("He said (i) “no.” Mr. Smith left at 5 p.m. -- then ‘Yes!!’ [1] 3.5 U.S. (a) one (b) two. 1. First 2. Second")
    finally:
        pysbd_fast._checked = original
    return sorted(seen, key=str)


def test_a_check_for_a_string_or_characters_is_true_exactly_where_the_text_holds_them():
    from textkit.pysbd_fast import _holds

    holds_string, holds_one = _holds("a∯m"), _holds(frozenset("∯♨"))
    assert holds_string("5 a∯m ok") and not holds_string("5 a∯ m") and not holds_string("")
    assert holds_one("x ♨ y") and holds_one("∯") and not holds_one("plain text.")


def _list_like_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["a.", "b.", "c.", "i.", "ii.", "1.", "2.", "3", "12.", "(a)", "b)", "(ii)", "1)", "2)", "x", "The", " ", " ",
              "\r", ".", ")", "(", "♨", "☝", "∯", "for", "-", "⁃", "A.", "ab.", "3.5", "end."]  # fmt: skip
    return ["".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_list_items_shortcut_gives_what_pysbd_gives():
    import pysbd.processor
    from pysbd.lists_item_replacer import ListItemReplacer

    pysbd_fast.segmenter()
    fast = pysbd.processor.ListItemReplacer
    assert fast is not ListItemReplacer and issubclass(fast, ListItemReplacer)
    changed = 0
    for text in _list_like_texts(23, 6000) + ["1. a 2. b", "a. x b. y", "(a) x (b) y", "x ♨ y", "x ☝ y", "plain words."]:
        expected = ListItemReplacer(text).add_line_break()
        assert fast(text).add_line_break() == expected, text
        changed += expected != text
    assert changed > 300  # texts that pysbd does rewrite were among them


def test_sentence_boundary_shortcut_gives_what_pysbd_gives():
    from pysbd.lang.english import English

    fast = pysbd_fast.segmenter().language_module.AbbreviationReplacer
    rng = random.Random(29)
    pieces = ["U∯S", "U.S", "I", "E∯U", "∯", "∯", " He ", " The ", " They ", " we ", "x", " ", ".", "i.v"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(3000)]
    changed = 0
    for text in texts + ["U∯S∯ He said", "plain text"]:
        expected = English.AbbreviationReplacer(text, English).replace_abbreviation_as_sentence_boundary()
        assert fast(text, English).replace_abbreviation_as_sentence_boundary() == expected, text
        changed += expected != text
    assert changed > 100


def test_checks_of_rules_that_look_around_every_character_are_sound_and_see_matches():
    # The hand-written checks for rules pysbd runs on every text: wherever the rule matches,
    # the check finds something; and the random texts do make each rule match.
    from pysbd.lang.english import English

    pysbd_fast.segmenter()
    rules = [
        English.SingleLetterAbbreviationRules.SingleUpperCaseLetterRule.pattern,
        English.SingleLetterAbbreviationRules.SingleUpperCaseLetterAtStartOfLineRule.pattern,
        English.EllipsisRules.ThreeSpaceRule.pattern,
        English.EllipsisRules.FourSpaceRule.pattern,
        English.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern,
        English.MULTI_PERIOD_ABBREVIATION_REGEX,
        English.Numbers.StartLineNumberPeriodRule.pattern,
        English.Numbers.StartLineTwoDigitNumberPeriodRule.pattern,
        English.Numbers.NumberAfterPeriodBeforeLetterRule.pattern,
        English.CONTINUOUS_PUNCTUATION_REGEX,
        English.FileFormatRule.pattern,
    ]
    rng = random.Random(31)
    pieces = list("aZA1 .,!?\t\r\n_é") + [" . . . ", "e.g.", "Z. ", "12.", "3.x", "!!!", "?!?", ".jpg ", " .pdf ", "ab.cd", ". . .\\n", "x. . . ."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    for pattern in rules:
        for flags in (0, re.IGNORECASE):
            compiled, check = pysbd_fast._checked(pattern, flags)
            assert check is not None, pattern
            matched = 0
            for text in texts:
                if compiled.search(text):
                    matched += 1
                    assert check(text), (pattern, text)
            assert matched > 20, pattern
