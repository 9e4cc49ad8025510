"""Irony markers and learned irony cues: located, weighted and explained.

The analyzer looks for the surface cues that the irony and sarcasm literature
relies on (Attardo 2000; Carvalho et al. 2009; Riloff et al. 2013; Reyes,
Rosso & Veale 2013; Van Hee et al. 2018) and reports each one as a finding
whose ``kind`` names its family; it also reports every occurrence of the
lexical cues a logistic regression learned from labelled tweets (kind
``lexical_cue``). The score is that model's probability that the text is
ironic, and it is a sum of located weights: every point of it can be traced
to a finding. Web-page chrome (paragraphs with ``boilerplate=True``) is never
looked at.

Families and their rules
------------------------
Word lists live in ``plugins/data/irony_lexicon.json``.

``explicit``
    Irony vocabulary: irony, ironic(ally), sarcasm, sarcastic, satire,
    paradox(ical), tongue-in-cheek, #sarcasm, #not ... ("of course" is not
    included: it is ironic only in context).
``scare_quotes``
    A quoted phrase of 1-3 words in straight or curly double quotes, or curly
    single quotes (straight single quotes are left alone: they are mostly
    apostrophes). Not a scare quote: a quotation ending in ``?`` or ``!``; one
    that does not start with a letter (".com", "#tag"); one whose words are all
    capitalised (a name or title); the whole sentence quoted; a quote after a
    colon or a mention cue ("the word", "titled"); any quote in a sentence
    with a speech verb ("said", "wrote", "according to": a fragment of reported
    speech). "so-called" counts too, unless quotes follow it (one marker).
``aside``
    A parenthetical of 1-6 words; longer ones are explanations. Also excluded:
    parentheses holding a digit (citations, dates, figures), a link, a handle
    or "etc", an acronym being defined ("(SCMP)", "(NCPs)": one word with two
    or more capitals), a list label ("(a)", "(iv)"), a reference ("see",
    "e.g.", "i.e.", "via", "pictured"...), and parentheses glued to a word
    ("user(s)").
``echo``
    Repetition: a word said again at once ("final final"; not stop words, so
    "that that" and "had had" are not echoes); the same aside again within 2
    sentences ("(again) ... (again)"); a phrase of 3+ words with 2+ content
    words said twice in one sentence, or opening sentences at most 2 apart
    (anaphora). An aside or phrase echo spans its first to its last
    occurrence (``occurrences`` in its data lists each).
``hyperbole``
    Intensifiers and extreme words ("totally", "absolutely", "literally",
    "amazing"...), extreme phrases ("never ever", "of all time") and a
    superlative followed within three words by "ever" ("the best ever").
``tag_question``
    A question ending in a tag after a comma (", isn't it?", ", do you?",
    ", right?", ", eh?"), located from the tag to the question mark, or the
    one-word question "Right?".
``rhetorical_question``
    A question, not a tag question, that uses a rhetorical formula ("who
    knew", "what could possibly go wrong", "since when"), is a one-word
    incredulous question ("Really?", "Seriously?"), or opens with a negated
    auxiliary ("Isn't it obvious?": it asks for agreement). Plain information
    questions ("How do I install it?") are not markers.
``interjection``
    Interjection phrases ("yeah right", "surprise, surprise", "go figure")
    anywhere; single interjections ("oh", "wow", "gee", "duh") when they open
    the sentence or are set off by punctuation ("a wow factor" is not one).
``punctuation``
    Runs of two or more ``!``/``?`` ("!!!", "?!", "!?") and ellipses ("...",
    "…") that are not inside a quotation or brackets, where they mark an
    omission.
``caps``
    An all-caps word of 3+ letters that is an English word said as a word:
    in the CMU Pronouncing Dictionary and not pronounced letter by letter (so
    "SCMP", "FBI", "DNA" are not; words under 3 letters such as "AI" and
    words with periods such as "U.S." never are). Also excluded: known
    acronyms said as words ("NASA", "NATO", lexicon list), Roman numerals,
    hashtags, words the text defines in parentheses ("(NATO)") or writes in
    capitals 3+ times (a name), and words on a line that is mostly capitals
    (an all-caps headline).
``emphatic_sentence``
    A one-word sentence of 2+ letters closed by ``.``, ``!`` or ``…``
    ("Period." "Exactly."), unless it is a yes/no answer right after a
    question, a number word ("One. Two."), a quoted line of dialogue
    ("“Stop.”"), or an interjection (counted there).
``sentiment_contrast``
    Positive words in a negative situation (Riloff et al. 2013), with VADER:
    a positive word (lexicon valence >= +2.0) followed within 5 words by a
    negative word (valence <= -1.0), in a sentence whose VADER compound (the
    shared scores of ``textkit.plugins._vader``) stays below +0.5, i.e. the
    sentence does not read as plain praise. Words that are negated (a negator
    such as "not", "never", "without" or "-n't" among the three words
    before), stance words VADER rates positive ("clearly", "like", "true")
    and words inside quotations (someone else's voice) take no part. A word's
    valence is read back from VADER's compound for the word alone (compound =
    v / sqrt(v^2 + 15), inverted). At most one marker per sentence, located
    from the positive to the negative word.

Learned lexical cues
--------------------
A learned cue (``cues`` in the weight table, a few thousand) is a token of
the prose (a lower-cased word with runs of 3+ letters cut to 2 and, if that is
no word, read as the word it stretches: "sooo" is "so", "gooood" is "good"; a
hashtag; an emoji as ``:its_unicode_name:`` whether written as the character
or by name; an emoticon; ``!``/``?`` runs as ``!``, ``!!``, ``??``, ``?!``; an
ellipsis as ``...``; other ASCII punctuation as itself (curly quotes and
dashes are no cues); ``<link>``, ``<mention>``, ``<number>``); two
neighbouring tokens (``"i love"``) or two tokens one apart (``"love _
monday"``); the token and the pair of tokens opening a paragraph or sentence
(``"<start> oh"``, ``"<start> oh great"``); a word inside a hashtag
(``"<tag word> love"`` in #ILoveMondays or #ilovemondays: split at capitals,
else spelled out with the fewest words of the CMU dictionary); the first five
letters of a longer word (``"<stem> beaut"`` for beautiful, beauty); a stretched
word (``<elongated>``); a word's VADER class (``<positive word>``, ``<very
positive word>`` from valence 2.0, and the negative pair); an emoji
(``<emoji>``) and its class by the VADER valence of the words of its name
(``<positive emoji>``, ``<negative emoji>``). A cue with a negative weight is
a sign of literal text: it lowers the score and is located all the same. Cue
occurrences are listed in ``data`` rather than as findings: a text has
dozens per paragraph, and findings are what CI annotations and highlights
show.

Score
-----
A logistic model, trained by ``evaluation/train_irony.py`` on the SemEval-2018
Task 3A training tweets (and, for a small part, iSarcasmEval's); its table is
``plugins/data/irony_weights.json`` (or ``config.for_analyzer("irony")["weights"]``,
same shape). With ``W`` prose words, ``reference_words`` R (30: a tweet)::

    scale        = min(1, R / W)          (a long text is judged per tweet-sized stretch)
    base         = intercept + (1 - scale) * long_text_shift
    contribution = weight * scale         (for each located marker and cue)
    log_odds     = base + sum of contributions
    score        = 1 / (1 + exp(-log_odds))

A cue's weight adds three learned parts (a logistic regression, a naive-Bayes
log-count ratio, and a smaller share of the same regression fitted on
iSarcasmEval's tweets; see the training script), and stays within +-0.95.
Family weights are learned and kept >= 0 (the shipped table gives echo, scare
quotes and caps none); ``explicit`` is fixed at 1.0, above every learned
weight, because SemEval's text was stripped of the hashtags it was collected
by. ``long_text_shift`` moves a text longer than a tweet from SemEval's
balanced sample towards the base rate of sarcasm in iSarcasmEval (25%);
without it, plain news averages out to a coin toss. ``threshold`` is the
default cut between ironic and literal: on training folds it calls as many
tweets ironic as are (about 0.5, as SemEval is balanced); it is calibrated for
SemEval tweets, where a short plain text already sits near 0.5. Quality:
docs/quality.md (evaluation/irony.py).

Result
------
metrics
    ``score`` (0..1), ``markers`` (rule-based markers), ``markers_per_sentence``
    (markers / prose sentences), ``cues`` (located lexical cues).
findings
    One per marker, in document order: ``kind`` is the family, ``message``
    says why, ``data`` holds ``weight`` and ``contribution`` (log-odds added
    to this text) plus family details: ``positive_valence``,
    ``negative_valence`` and ``compound`` for sentiment contrast,
    ``occurrences`` ([start, end] pairs) for aside and phrase echoes.
data
    ``families``: ``{family: {"count": int, "weight": float, "contribution":
    float}}`` for every rule-based family, in a fixed order;
    ``lexical_cues``: ``{"count", "irony_cues", "literal_cues": int,
    "contribution": float, "occurrences": [...]}``, each occurrence ``{cue,
    start, end, line, column, text, weight, contribution, message}`` in
    document order (``text == document.text[start:end]``);
    ``top_markers``: up to 10 records ``{kind, text, line, weight,
    contribution, cue}`` (``kind`` a family or ``lexical_cue``,
    ``cue`` the key of a lexical cue, else empty) of the markers and cues that
    raise the score most,
    then by position, shown as a table by the text and Markdown formats;
    ``intercept``, ``base``, ``scale``, ``log_odds``, ``threshold`` (floats,
    see Score: ``log_odds = base + sum of contributions``); ``sentences``
    (prose sentences) and ``words`` (prose words); ``method``: the formula in
    words; ``weights_source``: where the weight table came from.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ._wordlists import dale_chall_easy_words, pronunciations
from textkit import Analyzer, Result, Skip, hookimpl, tokenize_words

FAMILIES = (
    "explicit",
    "sentiment_contrast",
    "echo",
    "scare_quotes",
    "tag_question",
    "rhetorical_question",
    "interjection",
    "hyperbole",
    "caps",
    "punctuation",
    "emphatic_sentence",
    "aside",
)

METHOD = (
    "score = sigmoid(log_odds), log_odds = base + sum of contributions; a contribution is the weight of a "
    "located marker or cue x scale, scale = min(1, reference_words / prose words); "
    "base = intercept + (1 - scale) x long_text_shift"
)

ECHO_WINDOW = 2  # sentences: a repeat further away is not heard as an echo
CONTRAST_POSITIVE = 2.0  # VADER lexicon valence of a clearly positive word
CONTRAST_NEGATIVE = -1.0  # "stuck", "ignored", "lost" are -1.0 to -1.3
CONTRAST_REACH = 5  # words after the positive one in which the negative situation must start
CONTRAST_COMPOUND = 0.5  # a sentence VADER scores this positive reads as plain praise
NEGATION_REACH = 3  # words before a sentiment word that can negate it
TOP_MARKERS = 10

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_VOWELS = frozenset("AEIOUY")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ELLIPSIS_OR_RUN = re.compile(r"[!?]{2,}|\.{3,}|…")
_PARENTHESIS = re.compile(r"\(([^()\n]*)\)")
_QUOTES = (
    re.compile(r"“([^“”\n]*)”"),
    re.compile(r"\"([^\"\n]*)\""),
    # Curly single quotes: the closing one must not be an apostrophe inside a word.
    re.compile(r"(?<!\w)‘([^‘\n]*?)’(?!\w)"),
)
# "so-called" is the spoken scare quote; followed by quotes it is one marker, counted there.
_SO_CALLED = re.compile(r"\bso[-\s]called\b(?!\s*[\"“‘])", re.IGNORECASE)
_SUPERLATIVE_EVER = re.compile(
    r"\b(?:best|worst|greatest|biggest|smartest|dumbest|stupidest|finest|coolest|funniest|"
    r"saddest|most\s+\w+)\s+(?:[\w’'-]+\s+){0,3}?ever\b",
    re.IGNORECASE,
)
_QUESTION_END = re.compile(r"\?[!?]*[\"”’')\]]*\s*$")
_CLOSING = "\"”’')]"


@dataclass(frozen=True)
class Marker:
    family: str
    start: int
    end: int
    message: str
    extra: dict[str, Any] = field(default_factory=dict)  # goes into the finding's data


# --- data -------------------------------------------------------------------


def _read_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


TABLE_KEYS = ("intercept", "long_text_shift", "reference_words", "threshold", "weights", "cues")


def _check_table(table: dict[str, Any]) -> None:
    missing = [k for k in TABLE_KEYS if k not in table] + sorted(set(FAMILIES) - set(table.get("weights", {})))
    if missing:
        raise ValueError(f"irony weight table lacks {missing}")


@lru_cache(maxsize=1)
def weight_table() -> dict[str, Any]:
    """The shipped model (``plugins/data/irony_weights.json``): ``intercept``, ``long_text_shift``,
    ``reference_words``, ``threshold``, ``weights`` ({family: float}), ``cues`` ({key: float}), ``source``."""
    table = _read_json("irony_weights.json")
    _check_table(table)
    return table


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex for a list of phrases: any spacing or comma between words, either apostrophe."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.replace(",", " ").split()
        parts.append(r"[\s,]+".join(re.escape(w).replace("'", "['’]") for w in words))
    return re.compile(r"(?<![\w#])(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


class _Lexicon:
    def __init__(self, raw: dict[str, Any]) -> None:
        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in raw[key])

        self.explicit = words("explicit_words")
        self.explicit_phrases = _phrase_pattern(raw["explicit_phrases"])
        self.hyperbole = words("hyperbole_words")
        self.hyperbole_phrases = _phrase_pattern(raw["hyperbole_phrases"])
        self.interjections = words("interjections")
        self.interjection_phrases = _phrase_pattern(raw["interjection_phrases"])
        self.rhetorical_formulas = _phrase_pattern(raw["rhetorical_formulas"])
        self.rhetorical_whole = words("rhetorical_whole")
        self.negative_auxiliaries = words("negative_auxiliaries")
        self.acronyms = frozenset(w.upper() for w in raw["acronyms"])
        self.aside_max_words = int(raw["aside_max_words"])
        self.aside_excluded_starts = words("aside_excluded_starts")
        self.quote_max_words = int(raw["quote_max_words"])
        self.speech_verbs = words("speech_verbs")
        self.mention_cues = words("mention_cues")
        self.stopwords = words("stopwords")
        self.negators = words("negators")
        self.contrast_ignore = words("contrast_ignore")
        aux = "is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|shall|must|may|might"
        pronoun = "it|he|she|they|we|you|i|there|that|this|one"
        tag_words = "|".join(re.escape(w) for w in raw["tag_words"])
        self.tag_question = re.compile(
            r",\s*(?P<tag>(?:(?:" + aux + r"|ai|wo|ca|sha)n['’]t\s+(?:" + pronoun + r"))"
            r"|(?:(?:" + aux + r")\s+(?:" + pronoun + r"))"
            r"|(?:don['’]t\s+you\s+think)"
            r"|(?:" + tag_words + r"))\s*\?[!?]*[\"”’')\]]*\s*$",
            re.IGNORECASE,
        )


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return _Lexicon(_read_json("irony_lexicon.json"))


@lru_cache(maxsize=65536)
def _valence(word: str) -> float:
    """A word's VADER lexicon valence, read back from VADER's compound for the word alone."""
    from textkit.plugins._vader import polarity

    compound = polarity(word)["compound"]
    if abs(compound) >= 1:
        return math.copysign(4.0, compound)
    return round(compound * math.sqrt(15 / (1 - compound * compound)), 2)


# --- helpers ----------------------------------------------------------------


def _norm(word: str) -> str:
    return word.translate(_APOSTROPHES).lower()


def _keys(document) -> list[str]:
    """Every word of the document normalised (lower case, straight apostrophes), by word index."""
    return document.memo("irony.word_keys", lambda: [_norm(w.text) for w in document.words])


def _prose_paragraphs(document):
    return [p for p in document.paragraphs if not p.boilerplate]


def _scan(pattern: re.Pattern[str], document) -> Iterable[re.Match[str]]:
    for paragraph in _prose_paragraphs(document):
        yield from pattern.finditer(document.text, paragraph.start, paragraph.end)


class _Disjoint:
    """Non-overlapping spans kept sorted, to ask by bisection whether a span overlaps one."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # Disjoint and sorted, so the last span starting before ``end`` reaches furthest.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _longest_first(markers: list[Marker]) -> list[Marker]:
    """Drop markers that overlap a longer one of the same family ("oh" inside "oh joy")."""
    kept: list[Marker] = []
    taken = _Disjoint()
    for marker in sorted(markers, key=lambda m: (m.start - m.end, m.start)):
        if not taken.overlaps(marker.start, marker.end):
            taken.add(marker.start, marker.end)
            kept.append(marker)
    return kept


def _words_before(document, offset: int, count: int) -> list[str]:
    sentence = document.sentence_at(offset)
    if sentence is None:
        return []
    words = [w for w in document.words_of(sentence) if w.end <= offset]
    keys = _keys(document)
    return [keys[w.index] for w in words[-count:]]


def _quoted(text: str) -> str:
    return "'" + text.replace("\n", " ") + "'"


# --- families ---------------------------------------------------------------


def find_explicit(document, sentences, lex: _Lexicon) -> list[Marker]:
    keys = _keys(document)
    markers = [
        Marker("explicit", w.start, w.end, f"explicit irony vocabulary: {_quoted(w.text)}")
        for s in sentences
        for w in document.words_of(s)
        if keys[w.index] in lex.explicit
    ]
    markers += [
        Marker("explicit", m.start(), m.end(), f"explicit irony marker: {_quoted(m.group())}")
        for m in _scan(lex.explicit_phrases, document)
    ]
    return _longest_first(markers)


def _quote_spans(document) -> list[tuple[int, int, int, int]]:
    """(start, end, content_start, content_end) of every quotation in the prose."""
    spans = []
    for pattern in _QUOTES:
        spans += [(m.start(), m.end(), m.start(1), m.end(1)) for m in _scan(pattern, document)]
    return sorted(spans)


class _Enclosure:
    """The union of some spans, answering "is start..end strictly inside one?" by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def encloses(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, start) - 1
        return i >= 0 and end < self._ends[i]


def _is_scare_quote(document, start: int, end: int, content: str, lex: _Lexicon) -> bool:
    n_words = len(tokenize_words(content))
    if not 1 <= n_words <= lex.quote_max_words or content.rstrip()[-1:] in ("?", "!"):
        return False
    if not content.lstrip()[:1].isalpha():
        return False  # ".com", "#tag", "2": a name or a symbol, not a distanced word
    if all(w[:1].isupper() for w in tokenize_words(content)):
        return False  # “Mandela Day”, “Revolution”: a name or a title
    sentence = document.sentence_at(start)
    if sentence is None:
        return False
    before = document.text[sentence.start : start]
    after = document.text[end : sentence.end]
    if not tokenize_words(before) and not tokenize_words(after):
        return False  # the whole sentence is the quotation
    if before.rstrip().endswith(":"):
        return False
    if set(_words_before(document, start, 3)) & lex.mention_cues:
        return False  # the word "x": the word is mentioned, not used
    # A short quote in a sentence that reports speech is a fragment of what someone said.
    sentence_words = {_keys(document)[w.index] for w in document.words_of(sentence)}
    return not sentence_words & lex.speech_verbs


def find_scare_quotes(document, sentences, lex: _Lexicon, quotes) -> list[Marker]:
    markers = [
        Marker(
            "scare_quotes", start, end, f"short phrase in quotes (scare quotes): {document.text[start:end]}"
        )
        for start, end, c_start, c_end in quotes
        if _is_scare_quote(document, start, end, document.text[c_start:c_end], lex)
    ]
    markers += [
        Marker("scare_quotes", m.start(), m.end(), "'so-called' distances the writer from the term")
        for m in _scan(_SO_CALLED, document)
    ]
    return markers


def _is_aside(document, match: re.Match[str], lex: _Lexicon) -> bool:
    content = match.group(1)
    words = tokenize_words(content)
    if not 1 <= len(words) <= lex.aside_max_words or any(c.isdigit() for c in content):
        return False
    if any(mark in content.lower() for mark in ("/", "@", "http", "www.", "etc")):
        return False  # a link, a handle or a list of examples
    if match.start() > 0 and document.text[match.start() - 1].isalnum():
        return False  # "user(s)", "f(x)": part of the word, not a comment on it
    first = _norm(words[0]).rstrip(".")
    if first in lex.aside_excluded_starts or _norm(content.strip()).startswith(("e.g", "i.e")):
        return False
    if len(words) == 1:
        word = words[0]
        capitals = sum(c.isupper() for c in word)
        if len(word) == 1 or capitals >= 2 or re.fullmatch(r"[ivxlc]+", word):
            return False  # a list label or an acronym being defined
    return True


def find_asides(document, sentences, lex: _Lexicon) -> list[Marker]:
    markers = []
    for m in _scan(_PARENTHESIS, document):
        if _is_aside(document, m, lex):
            n = len(tokenize_words(m.group(1)))
            message = f"parenthetical aside ({n} word{'s' * (n > 1)}): {_quoted(m.group())}"
            markers.append(Marker("aside", m.start(), m.end(), message))
    return markers


def _sentence_index(document, offset: int) -> int:
    sentence = document.sentence_at(offset)
    return sentence.index if sentence is not None else 0


def _sentence_span(document, first: int, last: int) -> str:
    n = _sentence_index(document, last) - _sentence_index(document, first) + 1
    return "in one sentence" if n == 1 else f"within {n} sentences"


def _aside_echoes(document, asides: list[Marker]) -> list[Marker]:
    groups: dict[str, list[Marker]] = {}
    for aside in asides:
        key = " ".join(_norm(w) for w in tokenize_words(document.text[aside.start : aside.end]))
        groups.setdefault(key, []).append(aside)
    echoes = []
    for group in groups.values():
        cluster = [group[0]]
        for aside in group[1:] + [None]:
            near = aside is not None and (
                _sentence_index(document, aside.start) - _sentence_index(document, cluster[-1].start)
                <= ECHO_WINDOW
            )
            if near:
                cluster.append(aside)
                continue
            if len(cluster) > 1:
                first, last = cluster[0], cluster[-1]
                text = _quoted(document.text[first.start : first.end])
                where = _sentence_span(document, first.start, last.start)
                echoes.append(
                    Marker(
                        "echo",
                        first.start,
                        last.end,
                        f"aside repeated {len(cluster)}× {where}: {text}",
                        {"occurrences": [[a.start, a.end] for a in cluster]},
                    )
                )
            if aside is not None:
                cluster = [aside]
    return echoes


def _word_echoes(document, sentences, lex: _Lexicon) -> list[Marker]:
    keys = _keys(document)
    echoes = []
    for sentence in sentences:
        words = document.words_of(sentence)
        i = 0
        while i < len(words):
            j = i
            key = keys[words[i].index]
            while (
                j + 1 < len(words)
                and keys[words[j + 1].index] == key
                and document.text[words[j].end : words[j + 1].start].isspace()
            ):
                j += 1
            if j > i and key.replace("'", "").isalpha() and key not in lex.stopwords:
                text = document.text[words[i].start : words[j].end]
                echoes.append(Marker("echo", words[i].start, words[j].end, f"word repeated: {_quoted(text)}"))
            i = j + 1
    return echoes


_PHRASE_GAP = re.compile(r"[\s,;]+")


def _joined(document, words) -> bool:
    """Words that read as one phrase: only spaces or commas between them (not "_" or "://")."""
    return all(
        a.sentence == b.sentence and _PHRASE_GAP.fullmatch(document.text[a.end : b.start])
        for a, b in zip(words, words[1:], strict=False)
    )


def _phrase_echoes(document, sentences, lex: _Lexicon, covered: list[tuple[int, int]]) -> list[Marker]:
    """A phrase of 3+ words (2+ of them content words) said twice in one sentence, or opening
    two sentences at most ECHO_WINDOW apart (anaphora).

    A noun phrase that a text repeats from one sentence to the next is ordinary
    cohesion ("the first chamber ... the first chamber"), so that is not an echo.
    """
    words = [w for s in sentences for w in document.words_of(s)]
    all_keys = _keys(document)
    keys = [all_keys[w.index] for w in words]  # by position in ``words``
    openers = {s.first_word for s in sentences}
    seen: dict[tuple[str, ...], list[int]] = {}
    echoes = []
    matched_until = -1
    for j in range(len(words) - 2):
        gram = tuple(keys[j : j + 3])
        for i in reversed(seen.get(gram, [])):
            if words[j].sentence - words[i].sentence > ECHO_WINDOW:
                break  # earlier ones are further still
            same_sentence = words[i].sentence == words[j].sentence
            anaphora = words[i].index in openers and words[j].index in openers
            if j < i + 3 or j <= matched_until or not (same_sentence or anaphora):
                continue
            n = 3
            while (
                j + n < len(words)
                and i + n < j
                and keys[i + n] == keys[j + n]
                and words[j + n].sentence == words[j].sentence
            ):
                n += 1
            if not (_joined(document, words[i : i + n]) and _joined(document, words[j : j + n])):
                continue
            if sum(k not in lex.stopwords for k in keys[j : j + n]) < 2:
                continue
            first, second = (words[i].start, words[i + n - 1].end), (words[j].start, words[j + n - 1].end)
            if any(c[0] <= first[0] and first[1] <= c[1] for c in covered):
                continue  # the repeated aside is already an echo
            phrase = _quoted(document.text[first[0] : first[1]])
            message = (
                f"phrase repeated in one sentence: {phrase}"
                if same_sentence
                else f"phrase opens sentences again {_sentence_span(document, first[0], second[0])}: {phrase}"
            )
            echoes.append(
                Marker("echo", first[0], second[1], message, {"occurrences": [list(first), list(second)]})
            )
            matched_until = j + n - 1
            break
        seen.setdefault(gram, []).append(j)
    return echoes


def find_echoes(document, sentences, lex: _Lexicon, asides: list[Marker]) -> list[Marker]:
    aside_echoes = _aside_echoes(document, asides)
    covered = [tuple(o) for e in aside_echoes for o in e.extra["occurrences"]]
    return (
        _word_echoes(document, sentences, lex)
        + aside_echoes
        + _phrase_echoes(document, sentences, lex, covered)
    )


def find_hyperbole(document, sentences, lex: _Lexicon) -> list[Marker]:
    keys = _keys(document)
    markers = [
        Marker("hyperbole", w.start, w.end, f"intensifier or extreme word: {_quoted(w.text)}")
        for s in sentences
        for w in document.words_of(s)
        if keys[w.index] in lex.hyperbole
    ]
    for pattern in (lex.hyperbole_phrases, _SUPERLATIVE_EVER):
        markers += [
            Marker("hyperbole", m.start(), m.end(), f"extreme phrase: {_quoted(m.group())}")
            for m in _scan(pattern, document)
        ]
    return _longest_first(markers)


def _opening_word(words: list[str]) -> str:
    if len(words) > 1 and words[0] in ("but", "and", "so", "yet", "now", "well", "oh"):
        return words[1]  # "But isn't it...?" opens with the auxiliary all the same
    return words[0] if words else ""


def find_questions(document, sentences, lex: _Lexicon) -> list[Marker]:
    keys = _keys(document)
    markers = []
    for sentence in sentences:
        if not _QUESTION_END.search(sentence.text):
            continue
        tag = lex.tag_question.search(sentence.text)
        words = [keys[w.index] for w in document.words_of(sentence)]
        if tag:
            start = sentence.start + tag.start("tag")
            end = sentence.start + len(sentence.text.rstrip().rstrip(_CLOSING))
            markers.append(
                Marker("tag_question", start, end, f"tag question: {_quoted(document.text[start:end])}")
            )
        elif words == ["right"]:
            markers.append(
                Marker("tag_question", sentence.start, sentence.end, "one-word tag question 'Right?'")
            )
        elif formula := lex.rhetorical_formulas.search(sentence.text):
            markers.append(
                Marker(
                    "rhetorical_question",
                    sentence.start,
                    sentence.end,
                    f"rhetorical question formula: {_quoted(formula.group())}",
                )
            )
        elif len(words) == 1 and words[0] in lex.rhetorical_whole:
            markers.append(
                Marker(
                    "rhetorical_question",
                    sentence.start,
                    sentence.end,
                    f"one-word incredulous question: {_quoted(sentence.text)}",
                )
            )
        elif _opening_word(words) in lex.negative_auxiliaries:
            markers.append(
                Marker(
                    "rhetorical_question",
                    sentence.start,
                    sentence.end,
                    "negative question: asks for agreement, not information",
                )
            )
    return markers


def find_interjections(document, sentences, lex: _Lexicon) -> list[Marker]:
    markers = [
        Marker("interjection", m.start(), m.end(), f"interjection: {_quoted(m.group())}")
        for m in _scan(lex.interjection_phrases, document)
    ]
    keys = _keys(document)
    for sentence in sentences:
        words = document.words_of(sentence)
        for k, w in enumerate(words):
            if keys[w.index] not in lex.interjections:
                continue
            set_off = document.text[w.end : w.end + 1] in (",", "!", "?", ".", "…", "—", "–")
            after_number = k > 0 and words[k - 1].text.replace(",", "").replace(".", "").isdigit()  # "10 ha."
            if (k == 0 or set_off) and not after_number:
                markers.append(Marker("interjection", w.start, w.end, f"interjection: {_quoted(w.text)}"))
    return _longest_first(markers)


def find_punctuation(document, sentences, lex: _Lexicon, quoted: _Enclosure) -> list[Marker]:
    markers = []
    for m in _scan(_ELLIPSIS_OR_RUN, document):
        run = m.group()
        if run[0] in "!?":
            what = "surprised question" if "?" in run and "!" in run else "run of emphatic punctuation"
            markers.append(Marker("punctuation", m.start(), m.end(), f"{what}: {_quoted(run)}"))
            continue
        before = document.text[max(m.start() - 1, 0) : m.start()]
        after = document.text[m.end() : m.end() + 1]
        if before in ("(", "[") or after in (")", "]") or quoted.encloses(m.start(), m.end()):
            continue  # an omission mark in a quotation, not a pause for effect
        markers.append(Marker("punctuation", m.start(), m.end(), "ellipsis: a pause for effect"))
    return markers


def _shouted_line(document, offset: int) -> bool:
    line_start = document.text.rfind("\n", 0, offset) + 1
    line_end = document.text.find("\n", offset)
    line = document.text[line_start : line_end if line_end != -1 else len(document.text)]
    words = [w for w in tokenize_words(line) if any(c.isalpha() for c in w)]
    caps = sum(w.isupper() and len(w) > 1 for w in words)
    return len(words) >= 2 and caps * 2 > len(words)


def _tagged(document, word) -> bool:
    """A hashtag or @handle: a name, not a word of the sentence."""
    return word.start > 0 and document.text[word.start - 1] in "#@"


# How each letter is said, for telling "DNA" (spelled out) from "NEVER" (a word).
_LETTER_NAMES = {
    "A": ("EY",), "B": ("B IY",), "C": ("S IY",), "D": ("D IY",), "E": ("IY",), "F": ("EH F",),
    "G": ("JH IY",), "H": ("EY CH",), "I": ("AY",), "J": ("JH EY",), "K": ("K EY",), "L": ("EH L",),
    "M": ("EH M",), "N": ("EH N",), "O": ("OW",), "P": ("P IY",), "Q": ("K Y UW",), "R": ("AA R",),
    "S": ("EH S",), "T": ("T IY",), "U": ("Y UW",), "V": ("V IY",),
    "W": ("D AH B AH L Y UW", "D AH B AH Y UW", "D AH B Y UW"), "X": ("EH K S",), "Y": ("W AY",),
    "Z": ("Z IY", "Z EH D"),
}  # fmt: skip


@lru_cache(maxsize=1024)
def _pronunciations(word: str) -> tuple[str, ...]:
    """The CMU Pronouncing Dictionary's pronunciations of ``word``, stress marks removed."""
    found = []
    for line in pronunciations(word):
        phones, _, comment = line.partition("#")
        if "abbrev" not in comment:  # how the dictionary flags some acronyms ("hiv", "gdp")
            found.append(" ".join(p.rstrip("012") for p in phones.split()))
    return tuple(found)


def _is_english_word(letters: str) -> bool:
    """In the CMU dictionary and said as a word, not letter by letter ("DNA", "FBI")."""
    prons = _pronunciations(letters.lower())
    if not prons:
        return False
    spelled = {" ".join(names) for names in itertools.product(*(_LETTER_NAMES[c] for c in letters))}
    return any(p not in spelled for p in prons)


def _defined_acronyms(document) -> frozenset[str]:
    return frozenset(m.group(1) for m in re.finditer(r"\(([A-Z]{2,})\)", document.text))


def _repeated_caps(document) -> frozenset[str]:
    """All-caps words used 3+ times: a name or an acronym ("SOCO", "PRISM"), not emphasis."""
    counts: dict[str, int] = {}
    for w in document.words:
        if w.text.isupper():
            counts[w.text] = counts.get(w.text, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 3)


def find_caps(document, sentences, lex: _Lexicon) -> list[Marker]:
    defined = _defined_acronyms(document) | _repeated_caps(document)
    markers = []
    for sentence in sentences:
        for w in document.words_of(sentence):
            letters = w.text.translate(_APOSTROPHES).replace("'", "").replace("-", "")
            if not (letters.isalpha() and letters.isupper() and len(letters) >= 3):
                continue
            if (
                not _VOWELS & set(letters)
                or letters in lex.acronyms
                or w.text in defined
                or _tagged(document, w)
            ):
                continue
            if _ROMAN.fullmatch(letters) or _shouted_line(document, w.start) or not _is_english_word(letters):
                continue
            markers.append(Marker("caps", w.start, w.end, f"all-caps emphasis: {_quoted(w.text)}"))
    return markers


_ANSWERS = frozenset({"yes", "no", "yeah", "yep", "nope", "ok", "okay", "maybe"})
_NUMBERS = frozenset("one two three four five six seven eight nine ten".split())


def find_emphatic_sentences(document, sentences, lex: _Lexicon) -> list[Marker]:
    markers = []
    previous = None
    for sentence in sentences:
        words = document.words_of(sentence)
        closed = sentence.text.rstrip().rstrip(_CLOSING)
        if len(words) == 1 and closed.endswith((".", "!", "…")):
            word = _keys(document)[words[0].index]
            is_answer = word in _ANSWERS and previous is not None and _QUESTION_END.search(previous.text)
            plain = word.isalpha() and len(word) >= 2 and not _tagged(document, words[0])
            spoken = sentence.text[:1] in "\"“‘'"  # “Stop.” is a line of dialogue
            if plain and not spoken and word not in lex.interjections | _NUMBERS and not is_answer:
                markers.append(
                    Marker(
                        "emphatic_sentence",
                        sentence.start,
                        sentence.end,
                        f"one-word sentence: {_quoted(sentence.text)}",
                    )
                )
        previous = sentence
    return markers


def _negated(keys: list[str], words, k: int, lex: _Lexicon) -> bool:
    before = [keys[w.index] for w in words[max(0, k - NEGATION_REACH) : k]]
    return any(b in lex.negators or b.endswith("n't") for b in before)


def _rated_words(document, sentence, lex: _Lexicon, quoted: _Enclosure) -> list[tuple[int, Any, float]]:
    """(position, word, valence) of the sentence's words that can carry the writer's sentiment."""
    words = document.words_of(sentence)
    keys = _keys(document)
    return [
        (k, w, _valence(keys[w.index]))
        for k, w in enumerate(words)
        if w.text.isalpha()
        and keys[w.index] not in lex.contrast_ignore
        and not _negated(keys, words, k, lex)
        # Quoted words are someone else's voice: the contrast must be the writer's.
        and not quoted.encloses(w.start, w.end)
    ]


def find_sentiment_contrast(document, sentences, lex: _Lexicon, quoted: _Enclosure) -> list[Marker]:
    from textkit.plugins._vader import sentence_scores

    scores = sentence_scores(document)
    markers = []
    for sentence in sentences:
        compound = scores[sentence.index]["compound"]
        if compound >= CONTRAST_COMPOUND:
            continue
        rated = _rated_words(document, sentence, lex, quoted)
        pairs = [
            (p, n)
            for p in rated
            if p[2] >= CONTRAST_POSITIVE
            for n in rated
            if n[2] <= CONTRAST_NEGATIVE and 0 < n[0] - p[0] <= CONTRAST_REACH
        ]
        if not pairs:
            continue
        (_, pos, pos_v), (_, neg, neg_v) = max(pairs, key=lambda pair: pair[0][2] - pair[1][2])
        markers.append(
            Marker(
                "sentiment_contrast",
                pos.start,
                neg.end,
                f"positive {_quoted(pos.text)} ({pos_v:+.1f}) followed by negative "
                f"{_quoted(neg.text)} ({neg_v:+.1f}): praise for a bad situation "
                f"(sentence compound {compound:+.2f})",
                {"positive_valence": pos_v, "negative_valence": neg_v, "compound": compound},
            )
        )
    return markers


def find_markers(document) -> list[Marker]:
    """Every irony marker in the document's prose, in document order."""
    lex = lexicon()
    sentences = document.prose_sentences
    quotes = _quote_spans(document)
    quoted = _Enclosure((q[0], q[1]) for q in quotes)
    asides = find_asides(document, sentences, lex)
    interjections = find_interjections(document, sentences, lex)
    # "Yeah, right?" is one interjection, not also a tag question.
    taken = _Disjoint((i.start, i.end) for i in interjections)
    questions = [q for q in find_questions(document, sentences, lex) if not taken.overlaps(q.start, q.end)]
    markers = (
        find_explicit(document, sentences, lex)
        + find_sentiment_contrast(document, sentences, lex, quoted)
        + find_echoes(document, sentences, lex, asides)
        + find_scare_quotes(document, sentences, lex, quotes)
        + questions
        + interjections
        + find_hyperbole(document, sentences, lex)
        + find_caps(document, sentences, lex)
        + find_punctuation(document, sentences, lex, quoted)
        + find_emphatic_sentences(document, sentences, lex)
        + asides
    )
    return sorted(markers, key=lambda m: (m.start, m.end, FAMILIES.index(m.family)))


# --- learned lexical cues ----------------------------------------------------------

_CUE_TOKEN = re.compile(
    r"(?P<link>https?://\S+|www\.\S+)"
    r"|(?P<mention>@\w+)"
    r"|(?P<hashtag>#\w+)"
    # An emoji written out by name, as some platforms and exports do (":face_with_tears_of_joy:").
    r"|(?P<emoji_name>:[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+:|:[a-z]{3,}:)"
    r"|(?P<emoticon>(?<![\w:;=])[:;=][-'^]?[()\[\]dDpP/\\|*3]+(?![\w)(])|<3)"
    r"|(?P<number>\d+(?:[.,:]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punctuation>[!?]+|\.{2,}|…|[^\w\s])",
)
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
# Joiners and modifiers inside an emoji sequence: not emoji of their own.
_EMOJI_GLUE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
CUE_LABELS = {
    "<link>": "a link",
    "<mention>": "an @mention",
    "<number>": "a number",
    "<elongated>": "a stretched word",
    "<positive word>": "a positive word",
    "<very positive word>": "a very positive word",
    "<negative word>": "a negative word",
    "<very negative word>": "a very negative word",
    "<emoji>": "an emoji",
    "<positive emoji>": "a positive emoji",
    "<negative emoji>": "a negative emoji",
}
STRONG_VALENCE = 2.0  # VADER valence from which a word counts as very positive or very negative
STEM_LETTERS = 5  # a word of more letters also counts by its first five ("beautiful", "beauty": "beaut")
MAX_SPELLED_WORD = 20  # letters: the longest dictionary word tried when spelling out a hashtag


@dataclass(frozen=True)
class Cue:
    key: str
    start: int
    end: int


def _emoji_key(char: str) -> str | None:
    if char in _EMOJI_GLUE or unicodedata.category(char) != "So":
        return None
    return ":" + unicodedata.name(char, "emoji").lower().replace(" ", "_").replace("-", "_") + ":"


def _punctuation_key(run: str) -> str | None:
    if run[0] in "!?":
        if len(run) == 1:
            return run
        return "?!" if "!" in run and "?" in run else run[0] * 2
    if run in ("…",) or run.startswith(".."):
        return "..."
    # Curly quotes and dashes are no cues: SemEval's tweets have straight quotes, where a quote is
    # often a scare quote; mapping edited prose's curly ones onto them makes reported speech look ironic.
    return run if run.isascii() else _emoji_key(run)


@lru_cache(maxsize=65536)
def _is_dictionary_word(word: str) -> bool:
    """In the CMU Pronouncing Dictionary (one-letter words: only "a" and "i")."""
    return word in ("a", "i") or (len(word) > 1 and bool(pronunciations(word)))


def _unstretched(key: str) -> str:
    """A stretched word's plain form. Runs were cut to two letters ("sooooo" -> "soo",
    "gooood" -> "good"); the first of that and its forms with one double letter made single
    ("so") that is a familiar word (Dale-Chall), else that is in the CMU dictionary, is taken."""
    singles = [key[: m.start()] + key[m.start() + 1 :] for m in re.finditer(r"([^\W\d_])\1", key)]
    for known in (dale_chall_easy_words().__contains__, _is_dictionary_word):
        for form in [key, *singles]:
            if known(form):
                return form
    return key


def _token_key(match: re.Match[str]) -> tuple[str | None, bool]:
    """The cue key of one token and whether it is a stretched word ("sooooo")."""
    kind, text = match.lastgroup, match.group()
    if kind in ("link", "mention", "number"):
        return f"<{kind}>", False
    if kind == "punctuation":
        return _punctuation_key(text), False
    if kind == "emoji_name":
        return text.lower().replace("-", "_"), False
    if kind == "emoticon":
        return text.replace("-", "").replace("'", "").replace("^", "").lower(), False
    key = _norm(text)
    short = _ELONGATION.sub(r"\1\1", key)
    return (_unstretched(short), True) if short != key else (key, False)


def _sentiment_key(word: str) -> str | None:
    valence = _valence(word)
    if not valence:
        return None
    strength = "very " if abs(valence) >= STRONG_VALENCE else ""
    return f"<{strength}{'positive' if valence > 0 else 'negative'} word>"


def _emoji_class(key: str) -> str | None:
    """``<positive emoji>`` or ``<negative emoji>`` by the VADER valence of the words of its name
    (":face_with_tears_of_joy:": "tears" -2.0... "joy" +2.8), None for a neutral name."""
    valence = sum(_valence(w) for w in key.strip(":").split("_") if w.isalpha())
    return "<positive emoji>" if valence > 0 else "<negative emoji>" if valence < 0 else None


_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@lru_cache(maxsize=4096)
def _spelled(letters: str) -> tuple[tuple[int, int], ...] | None:
    """The fewest dictionary words that spell ``letters`` ("ilovemondays": i love mondays), as
    (start, end) pairs, or None."""
    best: list[tuple[tuple[int, int], ...] | None] = [()] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - MAX_SPELLED_WORD), end):
            head = best[start]
            shorter = head is not None and (best[end] is None or len(head) + 1 < len(best[end]))
            if shorter and _is_dictionary_word(letters[start:end]):
                best[end] = head + ((start, end),)
    return best[-1]


def hashtag_words(tag: str) -> list[tuple[str, int, int]]:
    """The words inside a hashtag, as (word, start, end) with offsets into ``tag``: split at
    capitals ("#NoReligion": no, religion) or, in one case, spelled out with the fewest words of
    the CMU dictionary ("#ilovemondays": i, love, mondays); a tag that splits no further is one word."""
    body = tag[1:]
    parts = [(m.group(), m.start() + 1, m.end() + 1) for m in _CAMEL.finditer(body)]
    if len(parts) > 1:
        return [(w.lower(), s, e) for w, s, e in parts if not w.isdigit()]
    spelled = _spelled(body.lower()) if body.isalpha() else None
    if spelled and len(spelled) > 1:
        return [(body[s:e].lower(), s + 1, e + 1) for s, e in spelled]
    return [(body.lower(), 1, len(tag))]


def _stem(word: str) -> str | None:
    return f"<stem> {word[:STEM_LETTERS]}" if len(word) > STEM_LETTERS and word.isalpha() else None


def _token_cues(match: re.Match[str], token: Cue, stretched: bool) -> list[Cue]:
    """What one token adds besides itself: its stretch, sentiment class and stem; a hashtag's
    words (and their stems); an emoji's class."""
    kind, key = match.lastgroup, token.key
    cues = []
    if stretched:
        cues.append(Cue("<elongated>", token.start, token.end))
    if kind == "word":
        if sentiment := _sentiment_key(key):
            cues.append(Cue(sentiment, token.start, token.end))
        if stem := _stem(key):
            cues.append(Cue(stem, token.start, token.end))
    elif kind == "hashtag":
        for word, start, end in hashtag_words(match.group()):
            span = (token.start + start, token.start + end)
            cues.append(Cue(f"<tag word> {word}", *span))
            if stem := _stem(word):
                cues.append(Cue(stem, *span))
    elif key.startswith(":") and key.endswith(":") and len(key) > 2:  # an emoji, drawn or named
        cues.append(Cue("<emoji>", token.start, token.end))
        if emoji_class := _emoji_class(key):
            cues.append(Cue(emoji_class, token.start, token.end))
    return cues


def cue_occurrences(document) -> list[Cue]:
    """Every candidate lexical cue in the prose, located: each token (a lower-cased word, hashtag,
    emoji, emoticon, punctuation run, or a placeholder for a link, @mention or number), each pair
    of neighbouring tokens and each pair one token apart (``"love _ monday"``), the words inside
    a hashtag, the first letters of a long word, the sentiment class of each rated word and emoji,
    each stretched word, and the token (and token pair) opening a paragraph or sentence.

    The training script counts these over labelled tweets; at run time the analyzer keeps the ones
    its weight table names, so training and scoring see the same cues.
    """
    cues: list[Cue] = []
    for paragraph in _prose_paragraphs(document):
        tokens: list[Cue] = []
        for match in _CUE_TOKEN.finditer(document.text, paragraph.start, paragraph.end):
            key, stretched = _token_key(match)
            if key is None:
                continue
            token = Cue(key, match.start(), match.end())
            cues.append(token)
            if tokens:
                cues.append(Cue(f"{tokens[-1].key} {key}", tokens[-1].start, token.end))
            if len(tokens) > 1:
                cues.append(Cue(f"{tokens[-2].key} _ {key}", tokens[-2].start, token.end))
            tokens.append(token)
            cues += _token_cues(match, token, stretched)
        cues += _boundary_cues(document, paragraph, tokens)
    return cues


def _sentences_by_paragraph(document) -> dict[int, list]:
    def group() -> dict[int, list]:
        groups: dict[int, list] = {}
        for sentence in document.prose_sentences:
            groups.setdefault(sentence.paragraph, []).append(sentence)
        return groups

    return document.memo("irony.sentences_by_paragraph", group)


def _boundary_cues(document, paragraph, tokens: list[Cue]) -> list[Cue]:
    """The token that opens the paragraph and each sentence in it, as ``<start> key``, and the
    opening pair of tokens, as ``<start> key next``.

    Only openings: the last token of a tweet in the SemEval data is where its collection
    hashtag (#not, #sarcasm) was cut off, so what ends a tweet there teaches that cut, not irony.
    """
    if not tokens:
        return []
    starts = [paragraph.start] + [
        s.start for s in _sentences_by_paragraph(document).get(paragraph.index, ()) if s.start > paragraph.start
    ]
    openers: list[int] = []
    i = 0
    for start in starts:
        while i < len(tokens) and tokens[i].start < start:
            i += 1
        if i < len(tokens) and (not openers or openers[-1] != i):
            openers.append(i)
    cues = []
    for i in openers:
        first = tokens[i]
        cues.append(Cue(f"<start> {first.key}", first.start, first.end))
        if i + 1 < len(tokens):
            cues.append(Cue(f"<start> {first.key} {tokens[i + 1].key}", first.start, tokens[i + 1].end))
    return cues


def prose_word_count(document) -> int:
    return sum(s.word_count for s in document.prose_sentences)


def length_scale(words: int, reference_words: float) -> float:
    """Evidence counts per tweet-sized stretch: a text longer than ``reference_words`` words
    has its summed weights scaled down to that length, so a long article is judged by its
    density of cues, not by their number."""
    return min(1.0, reference_words / max(words, 1))


def feature_counts(document) -> tuple[Counter, Counter, float]:
    """(marker counts by family, cue counts by key, prose word count): what the model is fitted on."""
    markers = find_markers(document)
    return Counter(m.family for m in markers), Counter(c.key for c in cue_occurrences(document)), prose_word_count(document)


# --- score ------------------------------------------------------------------


_CUE_PART = re.compile("|".join(re.escape(label) for label in CUE_LABELS) + r"|\S+")


def _cue_label(key: str) -> str:
    """How a message names a cue: "'i love'", "a link", "'...' + a link", "'oh' opening a sentence",
    "'love … monday'" (one token apart), "'love' inside a hashtag", "a word starting 'beaut'"."""
    if key.startswith("<start> "):
        return _cue_label(key.removeprefix("<start> ")) + " opening a sentence"
    if key.startswith("<tag word> "):
        return _quoted(key.removeprefix("<tag word> ")) + " inside a hashtag"
    if key.startswith("<stem> "):
        return "a word starting " + _quoted(key.removeprefix("<stem> "))
    parts = _CUE_PART.findall(key)
    if not any(p in CUE_LABELS for p in parts):
        return _quoted(key.replace(" _ ", " … "))
    return " + ".join(CUE_LABELS.get(p, "…" if p == "_" else _quoted(p)) for p in parts)


def _cue_message(cue: Cue, weight: float) -> str:
    what = "learned irony cue" if weight > 0 else "learned cue of literal text"
    return f"{what} {_cue_label(cue.key)} (weight {weight:+.2f})"


def base_log_odds(table: dict[str, Any], scale: float) -> float:
    """The log-odds of a text with no marker and no cue: the fitted intercept for a tweet-sized
    text, moving by ``long_text_shift`` towards the base rate of irony in unselected text as the
    text grows longer than the tweets the intercept was fitted on."""
    return float(table["intercept"]) + (1 - scale) * float(table["long_text_shift"])


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def _table(config) -> dict[str, Any]:
    """The weight table: the shipped one, or one passed as ``config`` option ``weights`` (same shape)."""
    table = config.for_analyzer("irony").get("weights") if config is not None else None
    if table is None:
        return weight_table()
    _check_table(table)
    return table


def analyze(document, config) -> Result:
    sentences = document.prose_sentences
    if not sentences:
        raise Skip("no prose sentences")
    table = _table(config)
    weights = {f: float(w) for f, w in table["weights"].items()}
    cue_weights = table["cues"]
    markers = find_markers(document)
    cues = sorted((c for c in cue_occurrences(document) if c.key in cue_weights), key=lambda c: (c.start, c.end))
    n_words = prose_word_count(document)
    scale = length_scale(n_words, float(table["reference_words"]))
    intercept = float(table["intercept"])
    base = base_log_odds(table, scale)

    findings = [
        document.finding(
            m.family,
            m.start,
            m.end,
            m.message,
            weight=weights[m.family],
            contribution=round(weights[m.family] * scale, 6),
            **m.extra,
        )
        for m in markers
    ]
    occurrences = [_cue_record(document, c, cue_weights[c.key], scale) for c in cues]
    z = base + scale * (sum(weights[m.family] for m in markers) + sum(cue_weights[c.key] for c in cues))
    counts = Counter(m.family for m in markers)
    families = {
        f: {"count": counts[f], "weight": weights[f], "contribution": round(weights[f] * counts[f] * scale, 6)}
        for f in FAMILIES
    }
    cue_values = [cue_weights[c.key] for c in cues]
    lexical = {
        "count": len(cues),
        "irony_cues": sum(w > 0 for w in cue_values),
        "literal_cues": sum(w < 0 for w in cue_values),
        "contribution": round(sum(cue_values) * scale, 6),
        "occurrences": occurrences,
    }
    return Result(
        metrics={
            "score": round(sigmoid(z), 4),
            "markers": len(markers),
            "markers_per_sentence": round(len(markers) / len(sentences), 4),
            "cues": len(cues),
        },
        findings=findings,
        data={
            "families": families,
            "lexical_cues": lexical,
            "top_markers": _top_markers(findings, occurrences),
            "intercept": intercept,
            "base": round(base, 4),
            "scale": round(scale, 4),
            "log_odds": round(z, 4),
            "threshold": float(table["threshold"]),
            "sentences": len(sentences),
            "words": n_words,
            "method": METHOD,
            "weights_source": table.get("source", ""),
        },
        warnings=["fewer than 5 prose sentences: the score rests on very little text"] if len(sentences) < 5 else [],
        display=["top_markers"],
    )


def _cue_record(document, cue: Cue, weight: float, scale: float) -> dict[str, Any]:
    line, column = document.position(cue.start)
    return {
        "cue": cue.key,
        "start": cue.start,
        "end": cue.end,
        "line": line,
        "column": column,
        "text": document.text[cue.start : cue.end],
        "weight": weight,
        "contribution": round(weight * scale, 6),
        "message": _cue_message(cue, weight),
    }


def _top_markers(findings, occurrences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The markers and cues that raise the score most (ties in document order)."""
    rows = [
        {
            "kind": f.kind,
            "text": f.text,
            "line": f.line,
            "weight": f.data["weight"],
            "contribution": f.data["contribution"],
            "cue": "",
            "start": f.start,
        }
        for f in findings
    ]
    rows += [
        {
            "kind": "lexical_cue",
            "text": o["text"],
            "line": o["line"],
            "weight": o["weight"],
            "contribution": o["contribution"],
            "cue": o["cue"],
            "start": o["start"],
        }
        for o in occurrences
    ]
    top = sorted((r for r in rows if r["contribution"] > 0), key=lambda r: (-r["contribution"], r["start"]))
    return [{k: v for k, v in r.items() if k != "start"} for r in top[:TOP_MARKERS]]


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id="irony",
            title="Irony markers",
            analyze=analyze,
            description=(
                "Irony markers from the literature and lexical cues learned from labelled tweets, "
                "each located and weighted, and a 0-1 score that adds up their weights"
            ),
            order=30,
        )
    )
