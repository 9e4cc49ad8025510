"""Which writing system a text is in, so an analyzer built for one can skip the others with a reason.

The built-in analyzers read English (Latin script); on 60 Chinese sentences
they would report one sentence of grade 35 with status ``ok``. An analyzer
calls :func:`require_script` first and is skipped, with the reason in its
section, when most letters are in another script.
"""

from __future__ import annotations

import bisect
from collections import Counter

from .model import Skip

# (first code point, last code point, script) for the scripts prose is commonly written in.
_RANGES = sorted([
    (0x0041, 0x024F, "Latin"), (0x1E00, 0x1EFF, "Latin"), (0x2C60, 0x2C7F, "Latin"), (0xA720, 0xA7FF, "Latin"),
    (0xFF21, 0xFF5A, "Latin"), (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0xA640, 0xA69F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"), (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x0DFF, "Indic"), (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"), (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
    (0x3040, 0x30FF, "Kana"), (0x2E80, 0x2FDF, "Han"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
    (0xF900, 0xFAFF, "Han"), (0x20000, 0x2FFFF, "Han"),
])
_STARTS = [r[0] for r in _RANGES]
# Enough letters to tell; reading more would only cost time on a long document.
SAMPLE_CHARS = 200_000


def _script_of(ch: str) -> str:
    code = ord(ch)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return "Other"


def script_shares(text: str) -> dict[str, float]:
    """Share of letters in each script, largest first, from the first SAMPLE_CHARS characters."""
    counts = Counter(filter(str.isalpha, text[:SAMPLE_CHARS]))  # counted in C: every analyzer asks
    by_script: Counter[str] = Counter()
    for ch, n in counts.items():  # each distinct letter looked up once
        by_script[_script_of(ch)] += n
    total = sum(by_script.values())
    return {script: n / total for script, n in by_script.most_common()} if total else {}


def dominant_script(text: str) -> str | None:
    """The script most letters are in ("Latin", "Han", "Cyrillic", ...), None for a text without letters."""
    shares = script_shares(text)
    return next(iter(shares), None)


def require_script(text: str, script: str = "Latin", *, share: float = 0.5, what: str = "this analyzer") -> None:
    """Raise :class:`textkit.Skip` with a reason unless at least ``share`` of the letters are in ``script``."""
    shares = script_shares(text)
    if shares and shares.get(script, 0.0) < share:
        main, main_share = next(iter(shares.items()))
        raise Skip(
            f"the text is mostly in {main} script ({main_share:.0%} of letters); "
            f"{what} reads {script}-script languages only"
        )
