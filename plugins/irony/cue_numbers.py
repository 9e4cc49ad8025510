"""A document's word cues as numbers: what the model and the section use of them.

``word_cues.sentence_cues`` spells every cue out ("oh", "great", "oh great"), and each was then
looked up in the 21,345-entry weight table, once for the model and again for the section's
strongest cues. Here a cue is a number, the same in every document (``Numbering``): its place in
one list of weights (0 = no cue; ``UNWEIGHTED`` = a cue the table gives no weight). Each distinct
word's entry (its key's number, its stretch, the small table of the weighted pairs it opens) is
worked out once and kept across documents; a pair's number is looked up in the first word's small
table, so no pair is spelled out. The pass over a sentence's words stays one Python step per word
(a version with ``map``/``zip`` over all the words was slower). Sentences with a hashtag, a
mention, a link, a possible cue between two words or no word at all are read by
``sentence_cues``'s own code (``word_cues.CueReader.full_pass``), so both agree cue for cue
(tests/test_irony_cue_numbers.py; ``benchmarks/irony_outputs.py`` on ~1,800 texts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from operator import ge, gt, le
from typing import Any, Callable

from .word_cues import MAX_KEPT_WORDS, CueReader, cue_table, word_reading

UNWEIGHTED = 1  # the number of every cue without weight (0: no cue; weighted cues from 2)


@dataclass(frozen=True)
class Numbering:
    weights: list[float]  # by number (0.0 for 0 and UNWEIGHTED)
    cues: list[str]  # by number
    number: dict[str, int]  # a weighted cue -> its number
    pair_tables: list[dict[str, int]]  # the second word's key -> the pair's number, per first word (0: none)
    pair_table: dict[str, int]  # a key -> its pair table (only keys opening a weighted pair)
    elongated: int  # the number of "<elongated>"


@lru_cache(maxsize=1)
def numbering() -> Numbering:
    weights = cue_table()["weights"]
    cues = ["", "", *weights]
    number = {cue: k for k, cue in enumerate(cues) if k >= 2}
    pair_tables: list[dict[str, int]] = [{}]
    pair_table: dict[str, int] = {}
    for cue, k in number.items():
        first, space, second = cue.partition(" ")
        if space:  # a pair "first second" (keys hold no space)
            if first not in pair_table:
                pair_table[first] = len(pair_tables)
                pair_tables.append({})
            pair_tables[pair_table[first]][second] = k
    # (A list, not an array of doubles: ``list.__getitem__`` is called at C speed by ``map``, an
    # array's goes through a slot wrapper, several times slower.)
    return Numbering(
        [0.0, 0.0, *weights.values()], cues, number, pair_tables, pair_table, number.get("<elongated>", UNWEIGHTED)
    )


# Per word, what its place in the cue stream needs (numbers and a string: no object the garbage
# collector walks): (its key's number, 0 if it has no cue key; the number of "<elongated>" if it
# is stretched, else 0; its pair table; its key).
Entry = tuple[int, int, int, "str | None"]


def _entry(stretched: bool, key: str | None, table: Numbering) -> Entry:
    elongated = table.elongated if stretched else 0
    if key is None:
        return (0, elongated, 0, None)
    return (table.number.get(key, UNWEIGHTED), elongated, table.pair_table.get(key, 0), key)


# Entries of words whose cue no name of the document can veto, kept across documents (bounded).
_ENTRIES: dict[str, Entry] = {}
_OPENING_ENTRIES: dict[str, Entry] = {}


def sentence_numbers(document) -> list[list[int]]:
    """Per prose sentence (aligned with ``document.prose_sentences``), its cues' numbers in the
    order of ``word_cues.sentence_cues`` (memoised per document). Equal one-word sentences share
    one list (a flood of "Yes." stays small): read the lists, never change them."""
    return document.memo("irony.cue_numbers", lambda: _read(document))


def _read(document) -> list[list[int]]:
    table = numbering()
    reader = CueReader(document)
    words, texts, text, keys, names = reader.words, reader.texts, reader.text, reader.keys, reader.names
    pair_tables, number = table.pair_tables, table.number

    def resolved(i: int, opens: bool) -> Entry:
        """The entry of word ``i``, kept across documents when no name can veto its cue."""
        written = texts[i]
        stretched, key, by_name = word_reading(written, keys[i], opens)
        entry = _entry(stretched, None if by_name and key in names else key, table)
        kept = _OPENING_ENTRIES if opens else _ENTRIES
        if not by_name and len(kept) < MAX_KEPT_WORDS:  # nothing but the word decides
            kept[written] = entry
        (opening if opens else known)[written] = entry
        return entry

    known: dict[str, Entry] = {}  # entries of the words met in this document, inside a sentence
    opening: dict[str, Entry] = {}  # and opening one
    known_word, kept_word = known.get, _ENTRIES.get
    gaps: dict[str, tuple[int, ...]] = {}

    def gap_numbers(gap: str) -> tuple[int, ...]:
        found = gaps.get(gap)
        if found is None:
            found = gaps[gap] = tuple(map(number.get, reader.gap_cues_of(gap), repeat(UNWEIGHTED)))
        return found

    one_word: dict[tuple[str, str, str], list[int]] = {}
    result = []
    for k, sentence in enumerate(reader.sentences):
        marked = reader.marked(sentence)
        if not reader.plain(k, sentence, marked):
            result.append(list(map(number.get, reader.full_pass(sentence, marked), repeat(UNWEIGHTED))))
            continue
        first, end = sentence.first_word, sentence.end_word
        opening_word, last = words[first], words[end - 1]
        before = text[sentence.start : opening_word.start] if opening_word.start > sentence.start else ""
        after = text[last.end : sentence.end] if sentence.end > last.end else ""
        if end - first == 1:  # nothing but its text decides: equal one-word sentences share one list
            shape = (before, texts[first], after)
            found = one_word.get(shape)
            if found is not None:
                result.append(found)
                continue
        numbers = list(gap_numbers(before)) if before else []
        append = numbers.append
        written = texts[first]
        key_number, elongated, pairs, _ = _OPENING_ENTRIES.get(written) or opening.get(written) or resolved(first, True)
        if elongated:
            append(elongated)
        previous = None  # the pair table of the word before, when it has a cue key
        if key_number:
            append(key_number)
            previous = pair_tables[pairs]
        for i in range(first + 1, end):  # ``word_cues._add_word`` written out: once per word
            written = texts[i]
            key_number, elongated, pairs, key = kept_word(written) or known_word(written) or resolved(i, False)
            if elongated:
                append(elongated)
            if key_number:
                append(key_number)
                if previous is not None:
                    append(previous.get(key, UNWEIGHTED))
                previous = pair_tables[pairs]
            else:
                previous = None
        if after:
            numbers += gap_numbers(after)
        if end - first == 1:
            one_word[shape] = numbers
        result.append(numbers)
    return result


def _weighed(document) -> tuple[list[int], list[float]]:
    """(the numbers of all the document's cues in order, the weight of each), memoised."""

    def compute() -> tuple[list[int], list[float]]:
        numbers = list(chain.from_iterable(sentence_numbers(document)))
        return numbers, list(map(numbering().weights.__getitem__, numbers))  # each looked up once

    return document.memo("irony.cue_weights", compute)


def cue_values(document) -> tuple[list[float], float]:
    """(per prose sentence the summed weight of its cues, the summed weight of all the
    document's cues), each summed in cue order as ``word_cues.cue_score`` sums."""
    _, weights = _weighed(document)
    left = iter(weights)
    return [sum(islice(left, len(numbers))) for numbers in sentence_numbers(document)], sum(weights)


def strongest(document, n: int = 5) -> tuple[int, list[dict[str, Any]]]:
    """(the number of the document's cues, the ``word_cues.top_cues`` of them)."""
    numbers, weights = _weighed(document)
    # Only the cues with a weight are counted (picked out at C speed by their weight): every weight
    # in the table is non-zero, and a cue of weight 0.0 would be shown neither way nor change
    # which others are (its total is neither > 0 nor < 0, and it would rank below every positive
    # total and above every negative one).
    counts = Counter(compress(numbers, weights))
    table = numbering()
    weighted = list(counts)
    # Only the cues shown are named.
    return len(numbers), ranked_cues(
        weighted, list(map(table.weights.__getitem__, weighted)), list(counts.values()), n, table.cues.__getitem__
    )


def ranked_cues(
    cues: list, weights: list[float], counts: list[int], n: int, name: Callable[[Any], str] = str
) -> list[dict[str, Any]]:
    """The ``n`` cues that raised the score most and the ``n`` that lowered it most, each with
    its weight summed over its occurrences (``cues`` in the order they first occur; ``name``
    spells a cue out).

    As ``sorted(..., key=-total)`` ranks them (ties in order of first occurrence), but only the
    cues at or beyond the ``n``-th largest and the ``n``-th smallest total are sorted by key."""
    if not cues:
        return []
    # A cue said more than once: its weight added up as a running sum, as ``top_cues`` does.
    totals = list(weights)
    for j in compress(range(len(counts)), map(gt, counts, repeat(1))):
        totals[j] = sum(repeat(weights[j], counts[j]))
    ordered = sorted(totals)
    high, low = (ordered[-n], ordered[n - 1]) if len(ordered) >= n else (ordered[0], ordered[-1])
    by_total = totals.__getitem__
    # Sorting a subsequence (in order) by the same key keeps its members in the same order as the
    # whole ranking, and it holds the first n and the last n of it.
    top = sorted(compress(range(len(totals)), map(ge, totals, repeat(high))), key=by_total, reverse=True)[:n]
    bottom = sorted(compress(range(len(totals)), map(le, totals, repeat(low))), key=by_total, reverse=True)[-n:]
    up = [{"cue": name(cues[j]), "weight": round(totals[j], 4)} for j in top if totals[j] > 0]
    down = [{"cue": name(cues[j]), "weight": round(totals[j], 4)} for j in reversed(bottom) if totals[j] < 0]
    return up + down
