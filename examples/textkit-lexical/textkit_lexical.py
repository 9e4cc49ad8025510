"""Lexical diversity for textkit: how varied the vocabulary of a text is.

A third-party textkit plugin. It uses nothing but textkit's public API and
reaches textkit through the ``textkit`` entry-point group declared in this
package's pyproject.toml.

Counted words
-------------
Every word of ``document.words`` that belongs to the author's prose (web-page
chrome at the end of a pasted article, ``document.prose_sentences``, is left
out, as textkit's own analyzers do) and contains at least one letter: "3.5"
and "170,000" are words to textkit but not vocabulary. Words are compared in
lower case with typographic apostrophes made plain, so "Don’t" and "don't"
are one type.

Metrics
-------
``tokens``            number of counted words
``types``             number of distinct counted words
``type_token_ratio``  types / tokens (0..1); falls as a text grows longer,
                      so compare it only between texts of similar length
``mattr``             moving-average type-token ratio (Covington & McFall
                      2010): the mean TTR of every run of ``window`` (50)
                      consecutive words, which does not depend on length.
                      A text shorter than the window has a single run, the
                      whole text, so its MATTR equals its TTR (and a
                      warning says so)
``hapax_share``       share of the types that occur exactly once (hapax
                      legomena / types, 0..1)

Ratios are rounded to 4 decimals.

Findings
--------
``repeated_word``: the ``top`` (5) most repeated content words (not in a
short list of English function words) that occur at least twice, most
frequent first, ties to the word that appears first. Each is located at the
word's first occurrence; data ``word`` (normalised) and ``count``.

Settings
--------
Declared (``SETTINGS``), so textkit checks them, shows them in ``textkit
config`` and takes ``--set lexical.window=30``: ``window`` (50) and ``top``
(5), whole numbers; one below 1 falls back to the default with a warning.
In textkit.toml::

    [lexical]
    window = 30

Data
----
::

    {
      "window": int,          # the MATTR window actually used (tokens if fewer)
      "repeated": [           # the repeated_word findings, most repeated first
        {"word": str, "count": int, "line": int}
      ]
    }

The section is skipped when the document has no counted word.
"""

from __future__ import annotations

from collections import Counter

from textkit import Analyzer, Result, Setting, Skip, hookimpl

ANALYZER_ID = "lexical"
DEFAULT_WINDOW = 50
DEFAULT_TOP = 5
SETTINGS = (
    Setting("window", int, DEFAULT_WINDOW, "Words per window of the moving-average type-token ratio."),
    Setting("top", int, DEFAULT_TOP, "How many repeated words to report."),
)

# Function words carry grammar, not topic: a text repeating "the" says
# nothing about its vocabulary, so they never make a repeated_word finding.
# They still count as tokens and types for the ratios, as in the literature.
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just may me might more most must my myself no nor not now of off on once only or
    other our ours ourselves out over own same shall she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where which while who whom whose why will with would yet you
    your yours yourself yourselves it's i'm i've i'd i'll you're you've you'd
    you'll he's she's we're we've we'd we'll they're they've they'd they'll that's there's
    what's who's isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't
    wouldn't can't cannot couldn't shouldn't mustn't let's
    """.split()
)


def normalise(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def counted_words(document):
    """The prose words that are vocabulary (contain a letter), in text order."""
    prose = {sentence.index for sentence in document.prose_sentences}
    return [w for w in document.words if w.sentence in prose and any(ch.isalpha() for ch in w.text)]


def moving_average_ttr(tokens: list[str], window: int) -> float:
    """Mean type-token ratio over every run of ``window`` tokens (the whole list if shorter)."""
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    # Slide the window one token at a time, keeping counts, so the cost is
    # linear in the text rather than text length times window.
    counts = Counter(tokens[:window])
    distinct_total = len(counts)
    for leaving, entering in zip(tokens, tokens[window:]):
        counts[leaving] -= 1
        if counts[leaving] == 0:
            del counts[leaving]
        counts[entering] += 1
        distinct_total += len(counts)
    runs = len(tokens) - window + 1
    return distinct_total / (runs * window)


def _option(settings, name: str, default: int, warnings: list[str]) -> int:
    value = settings.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        warnings.append(f"{name} must be a positive integer, not {value!r}; using {default}")
        return default
    return value


def analyze(document, config) -> Result:
    warnings: list[str] = []
    settings = config.for_analyzer(ANALYZER_ID)
    window = _option(settings, "window", DEFAULT_WINDOW, warnings)
    top = _option(settings, "top", DEFAULT_TOP, warnings)

    words = counted_words(document)
    if not words:
        raise Skip("no words to measure")
    tokens = [normalise(w.text) for w in words]
    counts = Counter(tokens)
    used_window = min(window, len(tokens))
    if len(tokens) < window:
        warnings.append(
            f"{len(tokens)} counted words, fewer than the {window}-word window: mattr is the plain type-token ratio"
        )

    first_seen = {}
    for word in words:
        first_seen.setdefault(normalise(word.text), word)
    repeated = sorted(
        (t for t, n in counts.items() if n >= 2 and t not in FUNCTION_WORDS),
        key=lambda t: (-counts[t], first_seen[t].start),
    )[:top]
    findings = [
        document.finding(
            "repeated_word",
            first_seen[t].start,
            first_seen[t].end,
            f"'{t}' is used {counts[t]} times",
            word=t,
            count=counts[t],
        )
        for t in repeated
    ]

    return Result(
        metrics={
            "types": len(counts),
            "tokens": len(tokens),
            "type_token_ratio": round(len(counts) / len(tokens), 4),
            "mattr": round(moving_average_ttr(tokens, used_window), 4),
            "hapax_share": round(sum(1 for n in counts.values() if n == 1) / len(counts), 4),
        },
        findings=findings,
        data={
            "window": used_window,
            "repeated": [{"word": f.data["word"], "count": f.data["count"], "line": f.line} for f in findings],
        },
        warnings=warnings,
    )


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id=ANALYZER_ID,
            title="Lexical diversity",
            analyze=analyze,
            description="Vocabulary variety: type-token ratio, moving-average TTR, hapax share, repeated words.",
            order=50,
            settings=SETTINGS,
        )
    )
