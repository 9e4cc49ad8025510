"""Irony: markers a reader recognises, sentiment incongruity and word cues, weighed by one model.

Read in this order (each module has one job):

``lexicon.py``
    the word lists (``plugins/data/irony_lexicon.json``), a located ``Marker`` and span helpers;
    the document's word keys and listed words, found in one pass and shared.
``phrases.py``
    phrase search tried only where a phrase can start (not at every character).
``markers.py``
    one function per family of irony device: explicit irony vocabulary, scare quotes and
    "so-called", hyperbole, tag and rhetorical questions, ironic praise formulas ("thanks a
    lot", "just what I needed", "oh great"), understatement ("not exactly", "to say the
    least"), interjections, caps, emphatic punctuation, one-word sentences, asides;
    ``echoes.py`` (a word, aside or phrase said again) and ``incongruity.py`` (a positive word
    in a negative situation) hold two more.
``word_cues.py``
    the learned lexical model over lower-case dictionary words and word pairs; it enters the
    score as one summarised feature and is never shown as markers.
``cue_numbers.py``
    the same cues as numbers into the weight table (the weighted ones, and a count of all), read
    for the model and the section without spelling each one out (``word_cues.sentence_cues``
    stays the reference and the training input).
``features.py``
    the model's inputs per document and per sentence: marker densities by family, sentence
    sentiment against the document (VADER scores shared through ``textkit.plugins._vader``),
    the word-cue score and the length.
``model.py``
    the logistic document model (``plugins/data/irony_model.json``): every point of the score
    is a named feature's weight x value.
``sentences.py``
    ``sentence_irony(document)``: the same model per sentence, memoised for other analyzers.
``analyzer.py``
    the section: score, contributions, markers as findings, the most ironic passages.

Every rule is linear in the text whatever its shape (no nested or backtracking patterns, no
look-back that grows with the text). Two bounds keep floods cheap, each with a warning in the
section when it cuts: the analysis covers at most the setting ``sentence_window`` of sentences
(``textkit.sentence_window``: 2,000 plus one per 20 characters; prose is never cut, "Yes. Yes. ..."
is), and phrase echoes are looked for up to a budget per document (``echoes.py``). Options
(``[irony]`` in textkit.toml, ``--set irony.KEY=VALUE``): ``details``, ``list_cues``, ``weights``
(a model table), ``sentence_window``. Quality and training: ``evaluation/irony.py``,
``evaluation/train_irony.py``, docs/quality.md.
"""

from __future__ import annotations

from textkit import Analyzer, hookimpl

from .analyzer import SETTINGS, analyze
from .features import FEATURES, feature_values
from .markers import FAMILIES, find_markers
from .model import sigmoid, weight_table
from .sentences import sentence_irony

__all__ = [
    "FAMILIES",
    "FEATURES",
    "analyze",
    "feature_values",
    "find_markers",
    "sentence_irony",
    "sigmoid",
    "weight_table",
]


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id="irony",
            title="Irony markers",
            analyze=analyze,
            description=(
                "Irony devices a reader recognises (vocabulary, scare quotes, hyperbole, rhetorical "
                "questions, ironic praise, understatement, asides...), praise in a bad situation and "
                "learned word cues, weighed by one model: a 0-1 score, each contribution, and the "
                "most ironic sentences"
            ),
            order=30,
            settings=SETTINGS,
        )
    )
