"""A document's word cues as numbers: what the model and the section use of them.

``word_cues.sentence_cues`` spells every cue out ("oh", "great", "oh great"), and each was then
looked up in the 21,345-entry weight table, once for the model and again for the section's
strongest cues. Here a cue is a number, the same in every document (``Numbering``): its place in
one list of weights. Only the cues with a weight are kept, as one stream of numbers for the whole
document with each sentence's share of it (``CueStream``); the others add nothing to any sum and
are never shown, so they are only counted. Each distinct word's entry (its key's number if
weighted, the small table of the weighted pairs it opens, its key) is worked out once and kept
across documents; a pair's number is looked up in the first word's small table, so no pair is
spelled out. The pass over a sentence's words stays one Python step per word (versions with
``map``/``zip`` over all the words were slower). Sentences with a hashtag, a mention, a link, a
possible cue between two words or no word at all are read by ``sentence_cues``'s own code
(``word_cues.CueReader.full_pass``), so both agree cue for cue (tests/test_irony_cue_numbers.py,
tests/test_irony_cue_stream.py; ``benchmarks/irony_outputs.py`` on ~1,800 texts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice, repeat
from operator import gt, sub
from typing import Any, Callable, NamedTuple

from .word_cues import MAX_KEPT_WORDS, CueReader, cue_table, read_word

UNWEIGHTED = 1  # once the number of every cue without weight, now unused (0: no cue; the table's cues from 2)


@dataclass(frozen=True)
class Numbering:
    weights: list[float]  # by number (0.0 for 0 and UNWEIGHTED)
    cues: list[str]  # by number
    number: dict[str, int]  # a cue of the table -> its number
    weighted: dict[str, int]  # a cue of the table with a weight other than 0.0 -> its number
    pair_tables: list[dict[str, int]]  # per first word, the second word's key -> the weighted pair's number
    pair_table: dict[str, int]  # a key -> its pair table (only keys opening a weighted pair; 0: none)
    elongated: int  # the number of "<elongated>" if it has a weight, else 0
    entries: dict[str, Entry]  # the entry of every key that has a weight or opens a weighted pair


@lru_cache(maxsize=1)
def numbering() -> Numbering:
    weights = cue_table()["weights"]
    cues = ["", "", *weights]
    number = {cue: k for k, cue in enumerate(cues) if k >= 2}
    weight_list = [0.0, 0.0, *weights.values()]
    # Only the cues with a weight enter the sums and the strongest cues: every other one (0.0 in
    # the table, or no entry at all) is only counted.
    weighted = {cue: k for cue, k in number.items() if weight_list[k]}
    pair_tables: list[dict[str, int]] = [{}]
    pair_table: dict[str, int] = {}
    for cue, k in weighted.items():
        first, space, second = cue.partition(" ")
        if space:  # a pair "first second" (keys hold no space)
            if first not in pair_table:
                pair_table[first] = len(pair_tables)
                pair_tables.append({})
            pair_tables[pair_table[first]][second] = k
    # (A list, not an array of doubles: ``list.__getitem__`` is called at C speed by ``map``, an
    # array's goes through a slot wrapper, several times slower.)
    # Every word with the same key shares its entry (one tuple, made here once).
    entries = {key: (weighted.get(key, 0), pair_table.get(key, 0), key) for key in (*weighted, *pair_table) if " " not in key}
    return Numbering(
        weight_list, cues, number, weighted, pair_tables, pair_table, weighted.get("<elongated>", 0), entries
    )


# Per word, what its place in the cue stream needs (numbers and a string: no object the garbage
# collector walks): (the number of its key if that cue has a weight, else 0; its pair table;
# its key, None if it is no cue). A stretched word's "<elongated>" is not in it (see ``_read``).
Entry = tuple[int, int, "str | None"]
_NO_CUE: Entry = (0, 0, None)

# Entries kept across documents (bounded), of words that are not stretched: those whose cue no
# name of the document can veto, and (``_NAMEABLE``) the familiar words written with a capital,
# whose entry holds unless the document uses their key as a name.
_ENTRIES: dict[str, Entry] = {}
_OPENING_ENTRIES: dict[str, Entry] = {}
_NAMEABLE: dict[str, Entry] = {}
_OPENING_NAMEABLE: dict[str, Entry] = {}


class CueStream(NamedTuple):
    """A document's word cues as the model and the section need them."""

    numbers: list[int]  # the numbers of the cues that have a weight, in the order of ``sentence_cues``
    sizes: list[int]  # per prose sentence, how many of ``numbers`` are its own (in order)
    count: int  # how many cues there are in all, with a weight or not


def cue_stream(document) -> CueStream:
    """The document's cues (memoised per document): every weighted cue's number, in the order
    of ``word_cues.sentence_cues``, and the number of all the cues."""
    return document.memo("irony.cue_stream", lambda: _read(document))


def sentence_numbers(document) -> list[list[int]]:
    """Per prose sentence (aligned with ``document.prose_sentences``), the numbers of its cues
    that have a weight, in the order of ``word_cues.sentence_cues``."""
    numbers, sizes, _ = cue_stream(document)
    left = iter(numbers)
    return [list(islice(left, size)) for size in sizes]


def _read(document) -> CueStream:
    table = numbering()
    reader = CueReader(document)
    texts, starts, ends, text, names = reader.texts, reader.starts, reader.ends, reader.text, reader.names
    pair_tables, weighted, elongated, key_entries = table.pair_tables, table.weighted, table.elongated, table.entries
    numbers: list[int] = []
    append = numbers.append
    known: dict[str, Entry] = {}  # entries of the words met in this document, inside a sentence
    opening: dict[str, Entry] = {}  # and opening one
    stretched_inside: dict[str, Entry] = {}  # the same for stretched words
    stretched_opening: dict[str, Entry] = {}
    stretched = 0  # stretched words read: one "<elongated>" cue each

    def resolved(written: str, opens: bool) -> Entry:
        """The entry of a word met for the first time in this document, or stretched. A
        stretched word is remembered only here, so that each time it comes here for its
        "<elongated>", which comes before its own cues."""
        nonlocal stretched
        entry = (_OPENING_NAMEABLE if opens else _NAMEABLE).get(written)
        if entry is not None:  # a familiar word with a capital, read in an earlier document
            if entry[2] in names:
                entry = _NO_CUE
            (opening if opens else known)[written] = entry
            return entry
        seen = stretched_opening if opens else stretched_inside
        entry = seen.get(written)
        if entry is None:
            # (``lexicon.norm`` of a word, written out: its key, as ``lexicon.word_keys`` lower-cases
            # the words joined by line breaks, which change nothing, see ``lexicon._joined``.)
            is_stretched, key, by_name = read_word(written, written.replace("’", "'").replace("‘", "'").lower(), opens)
            entry = _NO_CUE if key is None else key_entries.get(key) or (0, 0, key)
            if not is_stretched:
                if not by_name:  # nothing but the word decides
                    kept = _OPENING_ENTRIES if opens else _ENTRIES
                    if len(kept) < MAX_KEPT_WORDS:
                        kept[written] = entry
                        return entry
                else:
                    kept = _OPENING_NAMEABLE if opens else _NAMEABLE
                    if len(kept) < MAX_KEPT_WORDS:
                        kept[written] = entry
                    if key in names:
                        entry = _NO_CUE
                (opening if opens else known)[written] = entry
                return entry
            if by_name and key in names:
                entry = _NO_CUE
            seen[written] = entry
        stretched += 1
        if elongated:
            append(elongated)
        return entry

    known_word, kept_word, kept_opening, opening_word = known.get, _ENTRIES.get, _OPENING_ENTRIES.get, opening.get
    gaps: dict[str, tuple[tuple[int, ...], int]] = {}
    gap_of = gaps.get

    def gap_cues(gap: str) -> tuple[tuple[int, ...], int]:
        """(the numbers of a gap's weighted cues, how many cues it holds), the first time."""
        cues = reader.gap_cues_of(gap)
        found = gaps[gap] = (tuple(filter(None, map(weighted.get, cues))), len(cues))
        return found

    full = reader.full_passes()
    bounds: list[int] = []  # per sentence, where its cues end in ``numbers``
    count = 0  # the cues not counted by ``keyed``, ``joined`` and ``stretched``
    keyed = joined = 0  # words with a cue key; of them, those following another (each also makes a pair)
    for k, sentence in enumerate(reader.sentences):
        if k in full:
            cues = reader.full_pass(sentence, full[k])
            numbers += filter(None, map(weighted.get, cues))
            count += len(cues)
            bounds.append(len(numbers))
            continue
        first, end = sentence.first_word, sentence.end_word
        start = starts[first]
        if start > sentence.start:
            gap = text[sentence.start : start]
            found = gap_of(gap) or gap_cues(gap)
            if found[1]:
                numbers += found[0]
                count += found[1]
        written = texts[first]
        number, pairs, key = kept_opening(written) or opening_word(written) or resolved(written, True)
        if number:
            append(number)
        previous = None  # the pair table of the word before, when it has a cue key
        if key is not None:
            keyed += 1
            previous = pair_tables[pairs]
        # (A slice of the texts: ``islice`` would step through every word before the sentence.)
        for written in texts[first + 1 : end]:  # ``word_cues._add_word`` written out: once per word
            number, pairs, key = kept_word(written) or known_word(written) or resolved(written, False)
            if number:
                append(number)
            if key is None:
                previous = None
            elif previous is None:
                keyed += 1
                previous = pair_tables[pairs]
            else:
                # The pair "previous key": its number if it has a weight (only such pairs are in
                # the table), else it is only counted.
                joined += 1
                number = previous.get(key)
                if number:
                    append(number)
                previous = pair_tables[pairs]
        last = ends[end - 1]
        if sentence.end > last:
            gap = text[last : sentence.end]
            found = gap_of(gap) or gap_cues(gap)
            if found[1]:
                numbers += found[0]
                count += found[1]
        bounds.append(len(numbers))
    return CueStream(numbers, list(map(sub, bounds, [0, *bounds])), count + keyed + 2 * joined + stretched)


def _weighed(document) -> list[float]:
    """The weight of each of the document's weighted cues, in order (memoised)."""
    return document.memo("irony.cue_weights", lambda: list(map(numbering().weights.__getitem__, cue_stream(document).numbers)))


def cue_values(document) -> tuple[list[float], float]:
    """(per prose sentence the summed weight of its cues, the summed weight of all the
    document's cues), each summed in cue order as ``word_cues.cue_score`` sums.

    Only the cues with a weight are added: a cue without one adds 0.0, which leaves a sum
    as it was (no sum here is ever -0.0, the one float that adding 0.0 changes; a sentence
    without weighted cues sums to 0 instead of 0.0, the same number to every later step)."""
    weights = _weighed(document)
    left = iter(weights)
    return [sum(islice(left, size)) for size in cue_stream(document).sizes], sum(weights)


def strongest(document, n: int = 5) -> tuple[int, list[dict[str, Any]]]:
    """(the number of the document's cues, the ``word_cues.top_cues`` of them)."""
    stream = cue_stream(document)
    # Only the cues with a weight are counted: a cue of weight 0.0 (or none) would be shown
    # neither way nor change which others are (its total is neither > 0 nor < 0, and it would
    # rank below every positive total and above every negative one).
    counts = Counter(stream.numbers)
    table = numbering()
    weighted = list(counts)
    # Only the cues shown are named.
    return stream.count, ranked_cues(
        weighted, list(map(table.weights.__getitem__, weighted)), list(counts.values()), n, table.cues.__getitem__
    )


def ranked_cues(
    cues: list, weights: list[float], counts: list[int], n: int, name: Callable[[Any], str] = str
) -> list[dict[str, Any]]:
    """The ``n`` cues that raised the score most and the ``n`` that lowered it most, each with
    its weight summed over its occurrences (``cues`` in the order they first occur; ``name``
    spells a cue out).

    As ``sorted(..., key=-total)`` ranks them (ties in order of first occurrence): a stable sort
    in reverse keeps equal totals in their order too, and needs no key made per cue."""
    if not cues:
        return []
    # A cue said more than once: its weight added up as a running sum, as ``top_cues`` does.
    totals = list(weights)
    for j in compress(range(len(counts)), map(gt, counts, repeat(1))):
        totals[j] = sum(repeat(weights[j], counts[j]))
    ranking = sorted(range(len(totals)), key=totals.__getitem__, reverse=True)
    up = [{"cue": name(cues[j]), "weight": round(totals[j], 4)} for j in ranking[:n] if totals[j] > 0]
    down = [{"cue": name(cues[j]), "weight": round(totals[j], 4)} for j in reversed(ranking[-n:]) if totals[j] < 0]
    return up + down
