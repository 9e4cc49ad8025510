"""The document model's inputs: what the markers, the sentiment of the sentences, the word
cues and the length say, as one value per feature, for the document and for each sentence.

Every document value is the mean of the per-sentence values (so a sentence's share of the
evidence is plain to see), except ``word_cues`` (the cue score of the whole text, while a
sentence has its own), ``length`` (log of the prose word count) and ``mixed_polarity``, which
a sentence takes from its document as context.

``<family>``
    markers of that family per prose sentence (``markers.FAMILIES``).
``praise_in_complaint``
    a clearly positive sentence (VADER compound >= +0.5) among sentences that are negative
    on average (mean compound of the others <= -0.05): praise where the situation is bad.
``complaint_in_praise``
    the reverse: a clearly negative sentence among positive ones.
``mixed_polarity``
    the smaller of the shares of clearly positive and clearly negative sentences (a document
    value that every sentence shares).
``word_cues``
    the word-cue score (``word_cues.cue_score``): one aggregated learned feature.
``length``
    log(1 + prose words): how long the text is, for the model to learn what that says.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from itertools import compress, repeat
from operator import attrgetter, ge, itemgetter, le, sub

from textkit.plugins._vader import sentence_scores

from .cue_numbers import cue_values
from .markers import FAMILIES, find_markers
from .word_cues import cue_table, length_scale

SENTIMENT_FEATURES = ("praise_in_complaint", "complaint_in_praise", "mixed_polarity")
FEATURES = (*FAMILIES, *SENTIMENT_FEATURES, "word_cues", "length")
CLEAR = 0.5  # VADER compound from which a sentence reads as clearly positive or negative
LEANING = 0.05  # mean compound from which the other sentences lean one way (VADER's own cut)
_FIRST_WORD, _END_WORD, _INDEX = attrgetter("first_word"), attrgetter("end_word"), attrgetter("index")
_COMPOUND = itemgetter("compound")


def _marker_counts(document) -> dict[int, dict[str, int]]:
    """Markers of each family by prose-sentence position (only sentences that have some),
    each counted in the sentence where it starts."""
    starts = [s.start for s in document.prose_sentences]
    markers = find_markers(document)
    # Each marker's sentence and family counted at C speed (a flood of markers stays cheap); the
    # families of a sentence keep the order in which its markers come.
    where = map(max, repeat(0), map(sub, map(bisect.bisect_right, repeat(starts), map(attrgetter("start"), markers)), repeat(1)))
    counts: dict[int, dict[str, int]] = {}
    for (k, family), n in Counter(zip(where, map(attrgetter("family"), markers))).items():
        counts.setdefault(k, {})[family] = n
    return counts


def _incongruity(compounds: list[float]) -> list[str | None]:
    """Per sentence, the name of its sentence-against-document feature (value 1.0) or None.
    Only a clearly positive or negative sentence can have one: those are picked out at C speed
    (a flood of neutral sentences costs no Python step each)."""
    n = len(compounds)
    total = sum(compounds)
    out: list[str | None] = [None] * n
    for k in compress(range(n), map(ge, map(abs, compounds), repeat(CLEAR))):
        c = compounds[k]
        others = (total - c) / (n - 1) if n > 1 else 0.0
        if c >= CLEAR and others <= -LEANING:
            out[k] = "praise_in_complaint"
        elif c <= -CLEAR and others >= LEANING:
            out[k] = "complaint_in_praise"
    return out


def feature_values(document) -> tuple[dict[str, float], list[dict[str, float]]]:
    """(document values over ``FEATURES``, per prose sentence its own non-zero values; see
    ``sentence_values``), computed once per document."""
    return document.memo("irony.features", lambda: _compute(document))


def _compute(document) -> tuple[dict[str, float], list[dict[str, float]]]:
    sentences = document.prose_sentences
    if not sentences:
        return dict.fromkeys(FEATURES, 0.0), []
    vader = sentence_scores(document)
    # (Every sentence is prose in most texts: then the scores are read in order, not by index.)
    by_sentence = vader if len(sentences) == len(vader) else map(vader.__getitem__, map(_INDEX, sentences))
    compounds = list(map(_COMPOUND, by_sentence))
    cue_sums, all_cues = cue_values(document)
    word_counts = list(map(sub, map(_END_WORD, sentences), map(_FIRST_WORD, sentences)))  # ``word_count``
    words = sum(word_counts)
    # The cues' weights summed per sentence and over the document in the order ``cue_score`` sums.
    reference = float(cue_table()["reference_words"])
    context = {
        "word_cues": all_cues * length_scale(words, reference),
        "length": math.log1p(words),
    }
    n = len(sentences)
    mixed = min(sum(map(ge, compounds, repeat(CLEAR))), sum(map(le, compounds, repeat(-CLEAR)))) / n  # at C speed
    # Per sentence only what is its own and not zero (a flood of short sentences stays small);
    # the length and the mix of polarities are the document's, filled in by ``sentence_values``.
    per_sentence = []
    # A family's total over the sentences is its number of markers (each counted in one sentence),
    # a sentence feature's the number of sentences that have it: whole numbers, so counted at C
    # speed they come out as the per-sentence float sums would (exact below 2**53).
    incongruities = _incongruity(compounds)
    family_totals = Counter(map(attrgetter("family"), find_markers(document)))
    totals = {f: float(family_totals[f]) for f in FAMILIES}
    totals.update((f, float(incongruities.count(f))) for f in SENTIMENT_FEATURES)
    counts = _marker_counts(document)
    # Sentences with equal values share one dict (a flood of "Yes." stays small): read, never change.
    plain: dict[float, dict[str, float]] = {}
    shared: dict[tuple, dict[str, float]] = {}
    for k, (incongruity, cue_sum, word_count) in enumerate(zip(incongruities, cue_sums, word_counts, strict=True)):
        cue_value = cue_sum * (1.0 if word_count <= reference else reference / word_count)
        marked = counts.get(k)
        if marked is None and incongruity is None:
            own = plain.get(cue_value)
            if own is None:
                own = plain[cue_value] = {"word_cues": cue_value}
            per_sentence.append(own)
            continue
        shape = (tuple(marked.items()) if marked else (), incongruity, cue_value)
        own = shared.get(shape)
        if own is None:
            own = {f: float(c) for f, c in shape[0]}
            if incongruity is not None:
                own[incongruity] = 1.0
            own["word_cues"] = cue_value
            shared[shape] = own
        per_sentence.append(own)
    document_values = {f: v / n for f, v in totals.items()}
    document_values["mixed_polarity"] = mixed
    document_values.update(context)
    return document_values, per_sentence


def sentence_values(document_values: dict[str, float], own: dict[str, float]) -> dict[str, float]:
    """A sentence's full feature values: its own evidence, the document's length and polarity mix."""
    values = dict.fromkeys(FEATURES, 0.0)
    values["length"] = document_values["length"]
    values["mixed_polarity"] = document_values["mixed_polarity"]
    values.update(own)
    return values
