"""Irony markers a reader recognises: one function per family, each returning located markers.

Every function takes the document, its prose sentences and the word lists
(``lexicon.Lexicon``) and returns ``Marker`` records (family, span, message).
``find_markers`` runs them all. Echoes live in ``echoes.py`` and the
positive-word-in-a-negative-situation marker in ``incongruity.py``.
Every rule is a bounded pattern or a single pass over the words: run time is
linear in the text whatever its shape.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter, contains

from textkit import tokenize_words
from textkit.plugins._wordlists import pronunciations

from . import phrases
from .echoes import find_echoes
from .incongruity import find_sentiment_contrast
from .lexicon import (
    SO_CALLED,
    SUPERLATIVE_EVER,
    Lexicon,
    Marker,
    Spans,
    lexicon,
    listed_positions,
    longest_first,
    prose_word_indices,
    norm,
    quoted,
    scan_lines,
    sentence_keys,
    sentence_firsts,
    sentence_of,
    word_ends,
    word_keys,
    word_starts,
    word_texts,
    words_before,
)

FAMILIES = (
    "explicit",
    "sentiment_contrast",
    "ironic_praise",
    "understatement",
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
_TEXT = attrgetter("text")
_FAMILY_RANK = {family: rank for rank, family in enumerate(FAMILIES)}
TAG_REACH = 60  # characters at the end of a question searched for a tag (", isn't it?")
MAX_CAPS_LETTERS = 20  # a longer all-caps "word" is no word said for emphasis (and is never spelled out)

_VOWELS = frozenset("AEIOUY")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# Each pattern opens with the character a match starts with, so the regex engine skips to the
# next such character rather than trying the pattern at every one ("[!?]{2,}|\.{3,}|…" here).
_ELLIPSIS_OR_RUN = re.compile(r"[!?.…](?:(?<=[!?])[!?]+|(?<=\.)\.\.+|(?<=…))")
_PARENTHESIS = re.compile(r"\(([^()\n]*)\)")
_QUOTES = (
    re.compile(r"“([^“”\n]*)”"),
    re.compile(r"\"([^\"\n]*)\""),
    # Curly single quotes: the closing one must not be an apostrophe inside a word.
    re.compile(r"‘(?<!\w‘)([^‘\n]*?)’(?!\w)"),
)
_QUOTE_OPENINGS = ("“", '"', "‘")
_ELLIPSIS_OR_RUN_NEEDS = ("!", "?", "..", "…")  # a run holds "!" or "?", an ellipsis ".." or "…"
_CLOSING = "\"”’')]"


def is_question(text: str) -> bool:
    """Ends with a run of ``?``/``!`` holding a ``?``, then perhaps closing quotes or brackets.

    Read from the end with ``rstrip`` rather than a regex search, which would restart at every
    ``?`` of a long "?!?!..." run.
    """
    body = text.rstrip().rstrip(_CLOSING)
    return "?" in body[len(body.rstrip("!?")) :]


def _listed_words(document, lex: Lexicon, listed: frozenset[str], family: str, what: str) -> list[Marker]:
    """A marker of ``family`` for every prose word whose key is in ``listed``, in document order."""
    positions = listed_positions(document, lex)
    starts, ends, texts = word_starts(document), word_ends(document), word_texts(document)
    return [
        Marker(family, starts[i], ends[i], f"{what}: {quoted(texts[i])}")
        for i in sorted(i for key in listed & positions.keys() for i in positions[key])
    ]


def find_explicit(document, sentences, lex: Lexicon) -> list[Marker]:
    markers = _listed_words(document, lex, lex.explicit, "explicit", "explicit irony vocabulary")
    markers += [
        Marker("explicit", m.start(), m.end(), f"explicit irony marker: {quoted(m.group())}")
        for m in phrases.find(document, lex.explicit_phrases, lex)
    ]
    return longest_first(markers)


def _quote_spans(document) -> list[tuple[int, int, int, int]]:
    """(start, end, content_start, content_end) of every quotation in the prose."""
    spans = []
    for pattern, opening in zip(_QUOTES, _QUOTE_OPENINGS, strict=True):
        spans += [(m.start(), m.end(), m.start(1), m.end(1)) for m in scan_lines(pattern, document, (opening,))]
    return sorted(spans)


def _surely_more_words(content: str, limit: int) -> bool:
    """Does ``tokenize_words(content)`` surely hold more than ``limit`` words? Seen in the first
    pieces between spaces, without tokenizing a long quotation: a word holds no space, and every
    letter or digit belongs to some word, so each piece with one holds a word of its own."""
    pieces = content.split(None, limit + 1)[: limit + 1]
    return len(pieces) > limit and all(any(map(str.isalnum, piece)) for piece in pieces)


def _is_scare_quote(document, start: int, end: int, content: str, lex: Lexicon) -> bool:
    if _surely_more_words(content, lex.quote_max_words):
        return False  # (as the length check below would say)
    quoted_words = tokenize_words(content)
    if not 1 <= len(quoted_words) <= lex.quote_max_words or content.rstrip()[-1:] in ("?", "!"):
        return False
    if not content.lstrip()[:1].isalpha():
        return False  # ".com", "#tag", "2": a name or a symbol, not a distanced word
    if all(w[:1].isupper() for w in quoted_words):
        return False  # “Mandela Day”, “Revolution”: a name or a title
    sentence = document.sentence_at(start)
    if sentence is None:
        return False
    # Word positions by bisection, not by re-reading the sentence: a long sentence full of quotes stays linear.
    first = bisect.bisect_right(word_ends(document), start, sentence.first_word, sentence.end_word)
    after = bisect.bisect_left(word_starts(document), end, sentence.first_word, sentence.end_word)
    if first == sentence.first_word and after == sentence.end_word:
        return False  # the whole sentence is the quotation
    if document.text[max(sentence.start, start - 8) : start].rstrip().endswith(":"):
        return False
    if set(words_before(document, start, 3)) & lex.mention_cues:
        return False  # the word "x": the word is mentioned, not used
    # A short quote in a sentence that reports speech is a fragment of what someone said.
    return not sentence_keys(document, sentence) & lex.speech_verbs


def find_scare_quotes(document, sentences, lex: Lexicon, quotes) -> list[Marker]:
    markers = [
        Marker(
            "scare_quotes", start, end, f"short phrase in quotes (scare quotes): {document.text[start:end]}"
        )
        for start, end, c_start, c_end in quotes
        if _is_scare_quote(document, start, end, document.text[c_start:c_end], lex)
    ]
    markers += [
        Marker("scare_quotes", m.start(), m.end(), "'so-called' distances the writer from the term")
        for m in phrases.find(document, SO_CALLED, lex)
    ]
    return markers


def _is_aside(document, match: re.Match[str], lex: Lexicon) -> bool:
    content = match.group(1)
    words = tokenize_words(content)
    if not 1 <= len(words) <= lex.aside_max_words or any(c.isdigit() for c in content):
        return False
    if any(mark in content.lower() for mark in ("/", "@", "http", "www.", "etc")):
        return False  # a link, a handle or a list of examples
    if match.start() > 0 and document.text[match.start() - 1].isalnum():
        return False  # "user(s)", "f(x)": part of the word, not a comment on it
    first = norm(words[0]).rstrip(".")
    if first in lex.aside_excluded_starts or norm(content.strip()).startswith(("e.g", "i.e")):
        return False
    if len(words) == 1:
        word = words[0]
        capitals = sum(c.isupper() for c in word)
        if len(word) == 1 or capitals >= 2 or re.fullmatch(r"[ivxlc]+", word):
            return False  # a list label or an acronym being defined
    return True


def find_asides(document, sentences, lex: Lexicon) -> list[Marker]:
    markers = []
    for m in scan_lines(_PARENTHESIS, document, ("(",)):
        if _is_aside(document, m, lex):
            n = len(tokenize_words(m.group(1)))
            message = f"parenthetical aside ({n} word{'s' * (n > 1)}): {quoted(m.group())}"
            markers.append(Marker("aside", m.start(), m.end(), message))
    return markers


def find_hyperbole(document, sentences, lex: Lexicon) -> list[Marker]:
    markers = _listed_words(document, lex, lex.hyperbole, "hyperbole", "intensifier or extreme word")
    for phrase_list in (lex.hyperbole_phrases, SUPERLATIVE_EVER):
        markers += [
            Marker("hyperbole", m.start(), m.end(), f"extreme phrase: {quoted(m.group())}")
            for m in phrases.find(document, phrase_list, lex)
        ]
    return longest_first(markers)


def _opening_word(words: list[str]) -> str:
    if len(words) > 1 and words[0] in ("but", "and", "so", "yet", "now", "well", "oh"):
        return words[1]  # "But isn't it...?" opens with the auxiliary all the same
    return words[0] if words else ""


def find_questions(document, sentences, lex: Lexicon) -> list[Marker]:
    if "?" not in document.text:
        return []  # (most texts: no sentence is looked at)
    keys = word_keys(document)
    markers = []
    # Only the sentences holding a "?" are looked at, picked out at C speed.
    for sentence in compress(sentences, map(contains, map(_TEXT, sentences), repeat("?"))):
        if not is_question(sentence.text):
            continue
        # A tag closes the sentence: only its end is searched (a few words and the closing marks).
        tail_start = max(0, len(sentence.text) - TAG_REACH)
        tag = lex.tag_question.search(sentence.text, tail_start)
        words = keys[sentence.first_word : sentence.end_word]
        if tag:
            start = sentence.start + tag.start("tag")
            end = sentence.start + len(sentence.text.rstrip().rstrip(_CLOSING))
            markers.append(
                Marker("tag_question", start, end, f"tag question: {quoted(document.text[start:end])}")
            )
        elif words == ["right"]:
            markers.append(
                Marker("tag_question", sentence.start, sentence.end, "one-word tag question 'Right?'")
            )
        elif formula := lex.rhetorical_formulas.pattern.search(sentence.text):
            markers.append(
                Marker(
                    "rhetorical_question",
                    sentence.start,
                    sentence.end,
                    f"rhetorical question formula: {quoted(formula.group())}",
                )
            )
        elif len(words) == 1 and words[0] in lex.rhetorical_whole:
            markers.append(
                Marker(
                    "rhetorical_question",
                    sentence.start,
                    sentence.end,
                    f"one-word incredulous question: {quoted(sentence.text)}",
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


def find_ironic_praise(document, sentences, lex: Lexicon) -> list[Marker]:
    """Stock phrases of mock praise or mock surprise: "thanks a lot", "just what I needed", "oh great"."""
    return longest_first(
        [
            Marker("ironic_praise", m.start(), m.end(), f"ironic praise formula: {quoted(m.group())}")
            for m in phrases.find(document, lex.praise_formulas, lex)
        ]
    )


def find_understatement(document, sentences, lex: Lexicon) -> list[Marker]:
    """Saying less than is meant: "not exactly", "less than ideal", "to say the least"."""
    return longest_first(
        [
            Marker("understatement", m.start(), m.end(), f"understatement: {quoted(m.group())}")
            for m in phrases.find(document, lex.understatement_phrases, lex)
        ]
    )


def find_interjections(document, sentences, lex: Lexicon) -> list[Marker]:
    markers = [
        Marker("interjection", m.start(), m.end(), f"interjection: {quoted(m.group())}")
        for m in phrases.find(document, lex.interjection_phrases, lex)
    ]
    # Only the prose words listed as interjections are looked at, in document order.
    positions = listed_positions(document, lex)
    starts, ends, texts = word_starts(document), word_ends(document), word_texts(document)
    firsts = sentence_firsts(document)
    for i in sorted(i for key in lex.interjections & positions.keys() for i in positions[key]):
        opens = firsts[sentence_of(document, i)] == i  # (the first word of its sentence)
        end = ends[i]
        set_off = document.text[end : end + 1] in (",", "!", "?", ".", "…", "—", "–")
        after_number = not opens and texts[i - 1].replace(",", "").replace(".", "").isdigit()  # "10 ha."
        if (opens or set_off) and not after_number:
            markers.append(Marker("interjection", starts[i], end, f"interjection: {quoted(texts[i])}"))
    return longest_first(markers)


def find_punctuation(document, sentences, lex: Lexicon, in_quotes: Spans) -> list[Marker]:
    markers = []
    for m in scan_lines(_ELLIPSIS_OR_RUN, document, _ELLIPSIS_OR_RUN_NEEDS):
        run = m.group()
        if run[0] in "!?":
            what = "surprised question" if "?" in run and "!" in run else "run of emphatic punctuation"
            markers.append(Marker("punctuation", m.start(), m.end(), f"{what}: {quoted(run)}"))
            continue
        before = document.text[max(m.start() - 1, 0) : m.start()]
        after = document.text[m.end() : m.end() + 1]
        if before in ("(", "[") or after in (")", "]") or in_quotes.encloses(m.start(), m.end()):
            continue  # an omission mark in a quotation, not a pause for effect
        markers.append(Marker("punctuation", m.start(), m.end(), "ellipsis: a pause for effect"))
    return markers


def _shouted_line(document, offset: int) -> bool:
    """Is the line holding ``offset`` mostly capitals (a headline)? Worked out once per line."""
    line_start = document.text.rfind("\n", 0, offset) + 1
    cache = document.memo("irony.shouted_lines", dict)
    if line_start not in cache:
        line_end = document.text.find("\n", offset)
        line = document.text[line_start : line_end if line_end != -1 else len(document.text)]
        words = [w for w in tokenize_words(line) if any(c.isalpha() for c in w)]
        caps = sum(w.isupper() and len(w) > 1 for w in words)
        cache[line_start] = len(words) >= 2 and caps * 2 > len(words)
    return cache[line_start]


def _tagged(document, start: int) -> bool:
    """Is the word starting at ``start`` a hashtag or @handle: a name, not a word of the sentence?"""
    return start > 0 and document.text[start - 1] in "#@"


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
    texts = word_texts(document)
    counts = Counter(compress(texts, map(str.isupper, texts)))
    return frozenset(w for w, n in counts.items() if n >= 3)


def find_caps(document, sentences, lex: Lexicon) -> list[Marker]:
    starts, ends = word_starts(document), word_ends(document)
    defined = None  # worked out only if some word gets that far
    markers = []
    texts = word_texts(document)
    prose = prose_word_indices(document)
    # Only the words in capitals are looked at, picked out at C speed (every word is prose in most
    # texts: then the texts are read as they are, not by index).
    prose_texts = texts if len(prose) == len(texts) else map(texts.__getitem__, prose)
    for i in compress(prose, map(str.isupper, prose_texts)):
        text = texts[i]
        letters = text.replace("’", "").replace("‘", "").replace("'", "").replace("-", "")
        if not (letters.isalpha() and 3 <= len(letters) <= MAX_CAPS_LETTERS):
            continue
        if not _VOWELS & set(letters) or letters in lex.acronyms:
            continue
        if defined is None:
            defined = _defined_acronyms(document) | _repeated_caps(document)
        if text in defined or _tagged(document, starts[i]):
            continue
        if _ROMAN.fullmatch(letters) or _shouted_line(document, starts[i]) or not _is_english_word(letters):
            continue
        markers.append(Marker("caps", starts[i], ends[i], f"all-caps emphasis: {quoted(text)}"))
    return markers


_ANSWERS = frozenset({"yes", "no", "yeah", "yep", "nope", "ok", "okay", "maybe"})
_NUMBERS = frozenset("one two three four five six seven eight nine ten".split())


def find_emphatic_sentences(document, sentences, lex: Lexicon) -> list[Marker]:
    keys = word_keys(document)
    starts = word_starts(document)
    markers = []
    previous = None
    # What a one-word sentence's own text decides (its closing mark, its word, a quote before it),
    # worked out once per distinct text and word: a flood of "Stop." costs one look each. Only the
    # "#"/"@" before the word and the question before an answer depend on the context.
    verdicts: dict[tuple[str, str], str | None] = {}
    questions: dict[str, bool] = {}
    text_of = document.text
    append = markers.append
    for sentence in sentences:
        first = sentence.first_word
        if sentence.end_word - first == 1:
            text, word = sentence.text, keys[first]
            message = verdicts.get((text, word), False)
            if message is False:
                closed = text.rstrip().rstrip(_CLOSING)
                own = (
                    closed.endswith((".", "!", "…"))
                    and word.isalpha()
                    and len(word) >= 2
                    and text[:1] not in "\"“‘'"  # “Stop.” is a line of dialogue
                    and word not in lex.interjections
                    and word not in _NUMBERS
                )
                message = verdicts[(text, word)] = f"one-word sentence: {quoted(text)}" if own else None
            # (Not tagged: no "#" or "@" just before the word, as ``_tagged``.)
            if message is not None and not ((at := starts[first]) > 0 and text_of[at - 1] in "#@"):
                is_answer = False
                if word in _ANSWERS and previous is not None:
                    is_answer = questions.get(previous.text)
                    if is_answer is None:
                        is_answer = questions[previous.text] = is_question(previous.text)
                if not is_answer:
                    append(Marker("emphatic_sentence", sentence.start, sentence.end, message))
        previous = sentence
    return markers


def find_markers(document) -> list[Marker]:
    """Every irony marker in the document's prose, in document order (computed once per document)."""
    return document.memo("irony.markers", lambda: _find_markers(document))


def _find_markers(document) -> list[Marker]:
    lex = lexicon()
    sentences = document.prose_sentences
    quotes = _quote_spans(document)
    in_quotes = Spans((q[0], q[1]) for q in quotes)
    asides = find_asides(document, sentences, lex)
    praise = find_ironic_praise(document, sentences, lex)
    interjections = find_interjections(document, sentences, lex)
    # "Yeah, right?" is one praise formula, not also a tag question; "Oh great" not also an "oh".
    said = Spans((p.start, p.end) for p in praise)
    interjections = [i for i in interjections if not said.overlaps(i.start, i.end)]
    taken = Spans((i.start, i.end) for i in interjections + praise)
    questions = [q for q in find_questions(document, sentences, lex) if not taken.overlaps(q.start, q.end)]
    markers = (
        find_explicit(document, sentences, lex)
        + find_sentiment_contrast(document, sentences, lex, in_quotes)
        + find_echoes(document, sentences, lex, asides)
        + find_scare_quotes(document, sentences, lex, quotes)
        + questions
        + praise
        + find_understatement(document, sentences, lex)
        + interjections
        + find_hyperbole(document, sentences, lex)
        + find_caps(document, sentences, lex)
        + find_punctuation(document, sentences, lex, in_quotes)
        + find_emphatic_sentences(document, sentences, lex)
        + asides
    )
    return sorted(markers, key=lambda m: (m.start, m.end, _FAMILY_RANK[m.family]))


