"""The speed paths of readability's word data: the hyphenation patterns read without pyphen, and
the short way for words of ASCII letters the dictionary knows. Each must give what the general
way (pyphen's own reading, _measure_any) gives."""

from __future__ import annotations

import pytest

from textkit.plugins import _syllables, readability
from textkit.plugins._wordlists import _cmu_table

pyphen = pytest.importorskip("pyphen")

SMALL_FILE = "UTF-8\nLEFTHYPHENMIN 2\n% a comment\n.a2ch4\n1ba\nab\n  c3d  \n\n"


def test_small_pattern_file_read_as_hand_counted():
    # .a2ch4: gaps 0 0 2 0 4 -> two zeros dropped in front, "204"; 1ba: 1 0 0 -> "1";
    # ab: all zero, skipped; "  c3d  " stripped first: 0 3 0 -> one zero in front, "3".
    assert _syllables._read_patterns(SMALL_FILE) == {".ach": (2, "204"), "ba": (0, "1"), "cd": (1, "3")}


def test_small_pattern_file_read_as_pyphen_reads_it(tmp_path):
    path = tmp_path / "hyph_test.dic"
    path.write_text(SMALL_FILE, encoding="utf-8")
    expected = {letters: (offset, "".join(map(str, values))) for letters, (offset, values) in pyphen.HyphDict(path).patterns.items()}
    assert _syllables._read_patterns(SMALL_FILE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ISO8859-1\n.a2ch4\n",  # another encoding
        "UTF-8\n.a2ch4\n^^e9b1\n",  # a hex escape
        "UTF-8\n.a2ch4\nff1/f=f,1,2\n",  # a nonstandard hyphenation
        "UTF-8\n.a2ch4\na12b\n",  # two digits in a row (pyphen would read an extra value)
        "UTF-8\n.a2ch4\na\u0663b\n",  # an Arabic-Indic digit
    ],
)
def test_pattern_syntax_read_differently_is_left_to_pyphen(text):
    assert _syllables._read_patterns(text) is None


def test_installed_en_us_patterns_read_as_pyphen_reads_them():
    text = _syllables.package_file(*_syllables._HYPHENATION_FILE).read_text(encoding="utf-8")
    hyph = pyphen.Pyphen(lang="en_US").hd
    expected = {letters: (offset, "".join(map(str, values))) for letters, (offset, values) in hyph.patterns.items()}
    assert _syllables._read_patterns(text) == expected
    table = _syllables._hyphenation_patterns()
    prefixes = {key[:end] for key in hyph.patterns for end in range(1, len(key))} - hyph.patterns.keys()
    assert {key for key, value in table.items() if value is None} == prefixes


def test_hyphenation_points_match_pyphen_on_dictionary_words():
    hyphenator = pyphen.Pyphen(lang="en_US")
    words = [word for word in list(_cmu_table())[::40] if "(" not in word]
    assert len(words) > 3000
    assert [_syllables._hyphenation_points(w) for w in words] == [len(hyphenator.positions(w)) for w in words]


@pytest.mark.parametrize(
    "word, opens",
    [
        ("government", False), ("stopped", False), ("cities", False), ("committee", False),  # lower case
        ("Government", True), ("Government", False), ("McDonald", True), ("NATO", False),  # capitals
        ("US", False), ("IS", True), ("hmm", False), ("created", False), ("educated", False),
        ("a", False), ("A", True), ("I", False), ("ok", True), ("aalborg", False), ("Aalborg", True),  # a "# comment" entry
    ],
)  # fmt: skip
def test_short_way_measures_as_the_general_way(word, opens):
    assert readability._measure(word, opens) == readability._measure_any(word, opens)


def test_short_way_hand_checked():
    fields = readability._unpack(readability._measure("government", False))
    # gov-ern-ment: 3 syllables, a polysyllable, complex (no -ed/-es/-ing), on the Dale-Chall list
    # (not difficult), 10 letters and characters, not guessed.
    assert fields == [3, 1, 1, 0, 10, 10, 0]
    fields = readability._unpack(readability._measure("hurricanes", False))
    assert fields == [3, 1, 1, 1, 10, 10, 0]  # hur-ri-canes: "hurricane" is not on the list either
    fields = readability._unpack(readability._measure("Stopped", False))
    assert fields == [1, 0, 0, 0, 7, 7, 0]  # a name mid-sentence: familiar
    fields = readability._unpack(readability._measure("Stopped", True))
    assert fields == [1, 0, 0, 0, 7, 7, 0]  # opening a sentence: "stop" + "ped" is familiar
