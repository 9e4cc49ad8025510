"""Echoes: a word said again at once, the same aside again, a phrase repeated or opening sentences.

All three searches are single passes over the words with bounded look-back, so
"no no no ..." or a text of one repeated phrase costs time linear in its length.
"""

from __future__ import annotations

import re

from textkit import tokenize_words

from .lexicon import Lexicon, Marker, Spans, norm, quoted, word_keys

ECHO_WINDOW = 2  # sentences: a repeat further away is not heard as an echo
MAX_PHRASE = 12  # words: a repeated phrase is followed no further than this


def _sentence_index(document, offset: int) -> int:
    sentence = document.sentence_at(offset)
    return sentence.index if sentence is not None else 0


def _sentence_span(document, first: int, last: int) -> str:
    n = _sentence_index(document, last) - _sentence_index(document, first) + 1
    return "in one sentence" if n == 1 else f"within {n} sentences"


def _aside_echoes(document, asides: list[Marker]) -> list[Marker]:
    groups: dict[str, list[Marker]] = {}
    for aside in asides:
        key = " ".join(norm(w) for w in tokenize_words(document.text[aside.start : aside.end]))
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
                text = quoted(document.text[first.start : first.end])
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


def _word_echoes(document, sentences, lex: Lexicon) -> list[Marker]:
    keys = word_keys(document)
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
                echoes.append(Marker("echo", words[i].start, words[j].end, f"word repeated: {quoted(text)}"))
            i = j + 1
    return echoes


_PHRASE_GAP = re.compile(r"[\s,;]+")


def _breaks(document, words) -> list[int]:
    """Prefix counts of the gaps that break a phrase: ``breaks[b] - breaks[a]`` is how many of the
    gaps after words a..b-1 are not just spaces or commas ("_", "://", a sentence end), so whether
    words a..b read as one phrase is answered in O(1)."""
    breaks = [0]
    for a, b in zip(words, words[1:], strict=False):
        joined = a.sentence == b.sentence and _PHRASE_GAP.fullmatch(document.text, a.end, b.start)
        breaks.append(breaks[-1] + (not joined))
    breaks.append(breaks[-1] + 1)
    return breaks


def _phrase_echoes(document, sentences, lex: Lexicon, covered: list[tuple[int, int]]) -> list[Marker]:
    """A phrase of 3+ words (2+ of them content words) said twice in one sentence, or opening
    two sentences at most ECHO_WINDOW apart (anaphora).

    A noun phrase that a text repeats from one sentence to the next is ordinary
    cohesion ("the first chamber ... the first chamber"), so that is not an echo.
    """
    words = [w for s in sentences for w in document.words_of(s)]
    all_keys = word_keys(document)
    keys = [all_keys[w.index] for w in words]  # by position in ``words``
    breaks = _breaks(document, words)
    content = [0]  # prefix counts of content (non-stop) words
    for k in keys:
        content.append(content[-1] + (k not in lex.stopwords))
    openers = {s.first_word for s in sentences}
    # Only the last few earlier places of each word triple are kept: the nearest is the one heard
    # as an echo, and a bounded look-back keeps "no no no ..." linear.
    seen: dict[tuple[str, ...], list[int]] = {}
    covered_spans = Spans(covered)
    echoes = []
    matched_until = -1
    for j in range(len(words) - 2):
        gram = tuple(keys[j : j + 3])
        for i in reversed(seen.get(gram, ())):
            if words[j].sentence - words[i].sentence > ECHO_WINDOW:
                break  # earlier ones are further still
            same_sentence = words[i].sentence == words[j].sentence
            anaphora = words[i].index in openers and words[j].index in openers
            if j < i + 3 or j <= matched_until or not (same_sentence or anaphora):
                continue
            n = 3
            while (
                n < MAX_PHRASE
                and j + n < len(words)
                and i + n < j
                and keys[i + n] == keys[j + n]
                and words[j + n].sentence == words[j].sentence
            ):
                n += 1
            if breaks[i + n - 1] != breaks[i] or breaks[j + n - 1] != breaks[j]:
                continue  # not one phrase each time
            if content[j + n] - content[j] < 2:
                continue
            first, second = (words[i].start, words[i + n - 1].end), (words[j].start, words[j + n - 1].end)
            if covered_spans.overlaps(*first):
                continue  # the repeated aside is already an echo
            phrase = quoted(document.text[first[0] : first[1]])
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
        places = seen.setdefault(gram, [])
        places.append(j)
        if len(places) > 3:
            del places[0]
    return echoes


def find_echoes(document, sentences, lex: Lexicon, asides: list[Marker]) -> list[Marker]:
    word_echoes = _word_echoes(document, sentences, lex)
    aside_echoes = _aside_echoes(document, asides)
    # A repeated aside, or a phrase inside a run of one word ("bad bad bad bad"), is already an echo.
    covered = [tuple(o) for e in aside_echoes for o in e.extra["occurrences"]]
    covered += [(e.start, e.end) for e in word_echoes]
    return word_echoes + aside_echoes + _phrase_echoes(document, sentences, lex, covered)
