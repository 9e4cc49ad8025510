"""Echoes: a word said again at once, the same aside again, a phrase repeated or opening sentences.

All three searches are single passes over the words with bounded look-back, so
"no no no ..." or a text of one repeated phrase costs time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import partial
from itertools import accumulate, compress, count, filterfalse, islice, repeat
from operator import add, and_, attrgetter, eq, ge, ne, not_, sub, truth

from textkit import tokenize_words

from .lexicon import (
    Lexicon,
    Marker,
    Spans,
    norm,
    prose_word_indices,
    quoted,
    sentence_firsts,
    sentence_of,
    word_ends,
    word_keys,
    word_starts,
)

_FIRST_WORD, _END_WORD = attrgetter("first_word"), attrgetter("end_word")
ECHO_WINDOW = 2  # sentences: a repeat further away is not heard as an echo
MAX_PHRASE = 12  # words: a repeated phrase is followed no further than this
# Phrase echoes looked for in one document: this many plus one per CHARS_PER_PHRASE_ECHO
# characters. Of the real texts among benchmarks/irony_outputs.py's 1,788 (news, reviews, tweets,
# forum posts), 118 have phrase echoes, none more than 8 (a 608-character satire); "U.S. U.S. ..." has one
# every 15 characters, each a walk and a marker (1.5 s per MB). Past the budget the section says so.
PHRASE_ECHO_BUDGET, CHARS_PER_PHRASE_ECHO = 100, 100
PHRASE_ECHOES_CUT = "irony.phrase_echoes_cut"  # document memo: the offset where the search stopped


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


def _some_sentence_holds(sentences, words: int) -> bool:
    """Does some sentence hold at least ``words`` words? (At C speed: a flood of one-word
    sentences is hundreds of thousands.)"""
    return any(map(ge, map(sub, map(_END_WORD, sentences), map(_FIRST_WORD, sentences)), repeat(words)))


def _word_echoes(document, sentences, lex: Lexicon) -> list[Marker]:
    """A word said again at once ("no, no" aside: only a space between), in one sentence."""
    if not _some_sentence_holds(sentences, 2):
        return []  # one-word sentences only ("Yes. Yes."): no word follows another in its sentence
    keys = word_keys(document)
    starts, ends = word_starts(document), word_ends(document)
    text = document.text
    # Where the next word has the same key in the same sentence, found at C speed; the rest looks only there.
    same_key = list(compress(range(len(keys) - 1), map(eq, keys, keys[1:])))
    if not same_key:
        return []
    firsts = sentence_firsts(document)
    same_sentence = map(eq, map(bisect_right, repeat(firsts), same_key),
                        map(bisect_right, repeat(firsts), map(add, same_key, repeat(1))))
    links = [i for i in compress(same_key, same_sentence) if text[ends[i] : starts[i + 1]].isspace()]
    prose = {s.index for s in sentences}
    echoes = []
    for run in _runs(links):
        first, last = run[0], run[-1] + 1
        key = keys[first]
        if sentence_of(document, first) in prose and key.replace("'", "").isalpha() and key not in lex.stopwords:
            body = text[starts[first] : ends[last]]
            echoes.append(Marker("echo", starts[first], ends[last], f"word repeated: {quoted(body)}"))
    return echoes


def _runs(links: list[int]) -> list[list[int]]:
    """Consecutive indices grouped: [1, 2, 5] -> [[1, 2], [5]]."""
    runs: list[list[int]] = []
    for i in links:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


_PHRASE_GAP = re.compile(r"[\s,;]+")


def _joined(text: str, starts, ends, sentence_at, a: int, b: int) -> bool:
    """Do the words at positions a..b of the columns read as one phrase (in one sentence, with only
    spaces, commas or semicolons between them; not "_", "://" or a sentence end)?"""
    return all(
        sentence_at(k) == sentence_at(k + 1) and _PHRASE_GAP.fullmatch(text, ends[k], starts[k + 1])
        for k in range(a, b)
    )


def _repeated_trigrams(keys: list[str]) -> list[int]:
    """The positions whose three keys from there occur more than once in ``keys``.

    Each place's triple is hashed once, at C speed: ``setdefault`` gives every place the first
    place of its triple. A place whose first place is another is a repeat, and so is each first
    place that a repeat points to; no other place is (its triple occurs there only)."""
    first: dict[tuple[str, str, str], int] = {}
    earliest = list(map(first.setdefault, zip(keys, keys[1:], keys[2:]), count()))
    if len(first) == len(earliest):
        return []  # every triple occurs once
    later = list(compress(range(len(earliest)), map(ne, earliest, count())))
    # (The repeats are in order and the first places they point to are other places: one sort of
    # the two, without a set of every repeat in a flood.)
    return sorted([*later, *set(map(earliest.__getitem__, later))])


def _phrase_echoes(document, sentences, lex: Lexicon, covered: list[tuple[int, int]]) -> list[Marker]:
    """A phrase of 3+ words (2+ of them content words) said twice in one sentence, or opening
    two sentences at most ECHO_WINDOW apart (anaphora).

    A noun phrase that a text repeats from one sentence to the next is ordinary
    cohesion ("the first chamber ... the first chamber"), so that is not an echo.
    """
    if not _some_sentence_holds(sentences, 3):
        return []  # no sentence holds a phrase ("Yes. Yes. ..."): nothing is repeated in one or opens two
    prose = prose_word_indices(document)
    all_keys = word_keys(document)
    # By position in the prose words (every word when there are as many: the indices are distinct).
    every_word = len(prose) == len(all_keys)
    keys = all_keys if every_word else list(map(all_keys.__getitem__, prose))
    is_stopword = lex.stopwords.__contains__
    if next(islice(filterfalse(is_stopword, keys), 1, None), None) is None:
        return []  # under 2 content words in all ("no no no ...", "a a a ... b"): no place looks back
    repeated = _repeated_trigrams(keys)
    if not repeated:
        return []
    # The words' columns by position in the prose words; a position's sentence by bisection (one
    # more than its index: only compared and subtracted here), at C speed when every word is prose.
    starts, ends, firsts = word_starts(document), word_ends(document), sentence_firsts(document)
    if every_word:
        sentence_at = partial(bisect_right, firsts)
    else:
        starts, ends = (list(map(column.__getitem__, prose)) for column in (starts, ends))
        sentence_at = lambda k: bisect_right(firsts, prose[k])  # noqa: E731
    # Only a repeated place whose next MAX_PHRASE words hold 2+ content (non-stop) words and whose
    # triple lies in one sentence (else it is no phrase: ``_joined``) looks back, so only the
    # triples of such places need their places recorded. (A place with fewer content words ahead
    # is no echo and echoes nothing: a match repeats its words.) The content words are counted
    # ahead of the repeated places only, at C speed: a run of repeated places (a flood of "no no
    # no ...") counts from prefix sums instead.
    if len(repeated) * MAX_PHRASE <= len(keys):  # a news text: ~3 % of its places
        # (Read up to the second content word only.)
        rich = [next(islice(filterfalse(is_stopword, keys[j : j + MAX_PHRASE]), 1, None), None) is not None for j in repeated]
    else:
        content = list(accumulate(map(not_, map(is_stopword, keys)), initial=0))
        ahead = map(min, map(add, repeated, repeat(MAX_PHRASE)), repeat(len(keys)))
        rich = map(ge, map(sub, map(content.__getitem__, ahead), map(content.__getitem__, repeated)), repeat(2))
    one_sentence = map(eq, map(sentence_at, repeated), map(sentence_at, map(add, repeated, repeat(2))))
    looks_back = list(map(and_, rich, one_sentence))
    if not any(looks_back):
        return []
    # And only where the triple is itself one phrase (spaces, commas or semicolons between its
    # words: an echo's phrase holds its first triple, see ``_joined``); "Mr. A. Mr. A." never is.
    # Read at C speed for the places that still look back only.
    text = document.text
    looking = list(compress(repeated, looks_back))
    second = [*map(add, looking, repeat(1))]
    first_gap = map(truth, map(_PHRASE_GAP.fullmatch, repeat(text), map(ends.__getitem__, looking),
                               map(starts.__getitem__, second)))
    second_gap = map(truth, map(_PHRASE_GAP.fullmatch, repeat(text), map(ends.__getitem__, second),
                                map(starts.__getitem__, map(add, looking, repeat(2)))))
    phrase = iter(list(map(and_, first_gap, second_gap)))
    looks_back = [looks and next(phrase) for looks in looks_back]
    if not any(looks_back):
        return []
    openers = {s.first_word for s in sentences}
    # Only the last few earlier places of each word triple are kept: the nearest is the one heard
    # as an echo, and a bounded look-back keeps "no no no ..." linear. A triple said once is
    # never looked for again, so only the repeated ones are walked.
    seen: dict[tuple[str, ...], list[int]] = {}
    budget = _phrase_echo_budget(document)
    covered_spans = Spans(covered)
    echoes = []
    matched_until = -1
    walked = {(keys[j], keys[j + 1], keys[j + 2]) for j in compress(repeated, looks_back)}
    for j, looks in zip(repeated, looks_back):
        gram = (keys[j], keys[j + 1], keys[j + 2])
        if gram not in walked:
            continue  # never looked back for: its places need no record
        # Inside the last echo found no place looks back (each would be skipped below).
        for i in reversed(seen.get(gram, ()) if looks and j > matched_until else ()):
            sentence = sentence_at(j)
            if sentence - sentence_at(i) > ECHO_WINDOW:
                break  # earlier ones are further still
            same_sentence = sentence_at(i) == sentence
            anaphora = prose[i] in openers and prose[j] in openers  # (word indices)
            if j < i + 3 or j <= matched_until or not (same_sentence or anaphora):
                continue
            n = 3
            while (
                n < MAX_PHRASE
                and j + n < len(keys)
                and i + n < j
                and keys[i + n] == keys[j + n]
                and sentence_at(j + n) == sentence
            ):
                n += 1
            if sum(k not in lex.stopwords for k in keys[j : j + n]) < 2:
                continue
            if not (
                _joined(text, starts, ends, sentence_at, i, i + n - 1)
                and _joined(text, starts, ends, sentence_at, j, j + n - 1)
            ):
                continue  # not one phrase each time
            first, second = (starts[i], ends[i + n - 1]), (starts[j], ends[j + n - 1])
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
            if len(echoes) == budget:  # no more looked for: say where the search stopped
                document.memo(PHRASE_ECHOES_CUT, lambda: second[1])
                return echoes
            break
        places = seen.setdefault(gram, [])
        places.append(j)
        if len(places) > 3:
            del places[0]
    return echoes


def _phrase_echo_budget(document) -> int:
    return PHRASE_ECHO_BUDGET + len(document.text) // CHARS_PER_PHRASE_ECHO


def phrase_echoes_note(document) -> str | None:
    """The warning for a document where phrase echoes were no longer looked for (None if they all were)."""
    cut = document.memo(PHRASE_ECHOES_CUT, lambda: None)
    if cut is None:
        return None
    budget = _phrase_echo_budget(document)
    return (
        f"phrase echoes were looked for up to line {document.position(cut)[0]:,} (character {cut:,}) only: "
        f"the text repeats phrases far more than prose does, and at most {budget:,} are counted "
        f"({PHRASE_ECHO_BUDGET:,} plus one per {CHARS_PER_PHRASE_ECHO:,} characters)"
    )


def find_echoes(document, sentences, lex: Lexicon, asides: list[Marker]) -> list[Marker]:
    word_echoes = _word_echoes(document, sentences, lex)
    aside_echoes = _aside_echoes(document, asides)
    # A repeated aside, or a phrase inside a run of one word ("bad bad bad bad"), is already an echo.
    covered = [tuple(o) for e in aside_echoes for o in e.extra["occurrences"]]
    covered += [(e.start, e.end) for e in word_echoes]
    return word_echoes + aside_echoes + _phrase_echoes(document, sentences, lex, covered)
