"""Word cues: the learned lexical model, read as one summarised piece of evidence.

A cue is a lower-case dictionary word ("great", "love", "apparently") or two
such words side by side ("oh great"). Only words written in lower case, of
letters only (an apostrophe allowed), at most ``MAX_LETTERS`` long and in the
CMU Pronouncing Dictionary count. A capitalised word counts only as "I", or
when it opens a sentence or is written in capitals for emphasis ("LOVE") and
its lower-case form is one of the ~3,000 familiar words of the Dale-Chall list,
is no day or month, and is never capitalised inside a sentence of the same text
(which makes it a name: "Bush", "China"). So names, dates, numbers and other
capitalised tokens never become cues: the satire training set
would otherwise teach its era (real items 1990s newswire, satire 2000s web).
Besides words, a few marks that carry tone are cues (``NON_WORD_CUES``): a
``!``/``?`` run, an ellipsis, an emoji, a stretched word ("sooo"), a hashtag,
an @mention, a link (as placeholders: never the name or address itself), and
the familiar words inside a hashtag ("#ILoveMondays": ``#love``).

The weights (``plugins/data/irony_word_cues.json``) come from a logistic
regression trained by ``evaluation/train_irony.py``. A text's word-cue score is
``sum(weight x count) x min(1, reference_words / words)``: a text longer than a
tweet is judged by its density of cues. It reaches the report only as the one
``word_cues`` feature of the document model, never as markers.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter, not_
from typing import Any, Sequence

from textkit.plugins._wordlists import dale_chall_easy_words, in_cmudict

from .lexicon import joined_keys, read_json, word_keys

MAX_LETTERS = 20  # a longer "word" is never a dictionary word (and is not looked up)
EMOJI_REACH = 50  # characters of a gap between words looked at for an emoji
STRETCH_REACH = 40  # characters of a word looked at for a stretched letter ("sooo")
_ELONGATED = re.compile(r"([^\W\d_])\1\1")
# Cues that are no words: punctuation runs, an ellipsis, an emoji, a stretched word.
NON_WORD_CUES = frozenset(
    {"!", "?", "!!", "??", "?!", "...", "<emoji>", "<elongated>", "<hashtag>", "<mention>", "<link>"}
)
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
# Numbers written as words are numbers all the same: no cue.
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion percent dozen dozens".split()
)


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Any]:
    """``{"reference_words": float, "weights": {cue: float}, "source": str}``."""
    return read_json("irony_word_cues.json")


_VOWELS = frozenset("aeiouy")


def usable(key: str) -> bool:
    """May this lower-case word be a cue? A dictionary word of letters, with a vowel (not an
    abbreviation such as "bt"), not a lone letter other than "a" and "i", not a number word.
    (Not cached: a word's reading, which asks this, is kept across documents.)"""
    letters = key.replace("'", "")
    return (
        0 < len(letters) <= MAX_LETTERS
        and letters.isalpha()
        and letters.isascii()
        and (len(letters) > 1 or letters in ("a", "i"))
        and not _VOWELS.isdisjoint(letters)
        and key not in NUMBER_WORDS
        and in_cmudict(key)
    )


def _cue_key(text: str, key: str, opens_sentence: bool, names: frozenset[str] = frozenset()) -> str | None:
    """The cue key of one word, or None when it may not be a cue (a name, a number, a foreign token)."""
    candidate, by_name = _candidate_key(text, key, opens_sentence)
    return None if by_name and candidate in names else candidate


def _candidate_key(text: str, key: str, opens_sentence: bool) -> tuple[str | None, bool]:
    """(the cue key of one word as far as the word itself decides, whether the document's names
    can still veto it): what needs no document, so it can be kept across documents."""
    if len(text) > MAX_LETTERS + 2:
        return None, False
    written = text.replace("’", "'")
    if written != key and key != "i":
        # Capitalised: only a familiar word opening a sentence or written in capitals for emphasis,
        # never a date word or a word the text capitalises mid-sentence (a name: "Bush", "China").
        emphasis = len(written) >= 3 and written.isupper()
        if not (opens_sentence or emphasis) or key not in dale_chall_easy_words() or key in DATE_WORDS:
            return None, False
        return (key if usable(key) else None), True
    return (key if usable(key) else None), False


def read_word(text: str, key: str, opens_sentence: bool) -> tuple[bool, str | None, bool]:
    """(stretched, candidate cue key, may a name veto it) of a word written ``text`` (its key
    ``key``), opening its sentence or not: the same in every document."""
    return (_ELONGATED.search(text, 0, STRETCH_REACH) is not None, *_candidate_key(text, key, opens_sentence))


def word_reading(text: str, key: str, opens_sentence: bool) -> tuple[bool, str | None, bool]:
    """``read_word``, kept across documents (bounded): asked once per distinct word and place."""
    cache = _OPENING_WORDS if opens_sentence else _WORDS
    found = cache.get(text)
    if found is None:
        found = read_word(text, key, opens_sentence)
        if len(cache) < MAX_KEPT_WORDS:
            cache[text] = found
    return found


MAX_KEPT_WORDS = 50_000  # distinct words whose reading (and number entry) is kept across documents, per place: ~24 MiB at most in all
_WORDS: dict[str, tuple[bool, str | None, bool]] = {}  # inside a sentence
_OPENING_WORDS: dict[str, tuple[bool, str | None, bool]] = {}  # opening a sentence


def _gap_cues(gap: str) -> list[str]:
    """The non-word cues in the text between two words: ``!``/``?`` runs, an ellipsis, an emoji."""
    cues = []
    if "!" in gap or "?" in gap:
        cues.append("?!" if "!" in gap and "?" in gap else "!!" if "!!" in gap else "??" if "??" in gap else
                    "!" if "!" in gap else "?")
    if "..." in gap or "…" in gap:
        cues.append("...")
    if any(unicodedata.category(c) == "So" for c in gap[:EMOJI_REACH]):
        cues.append("<emoji>")
    return cues


def _names(document, keys: list[str], texts: Sequence[str]) -> frozenset[str]:
    """Words the document writes with a capital inside a sentence ("said Bush"): names, whatever
    the dictionary says; one pass over the words (``texts``: their texts)."""
    # The words opening with a capital but not a sentence, and not all in capitals, picked out at
    # C speed (every word has a first character).
    capitalised = set(compress(range(len(texts)), map(str.isupper, map(itemgetter(0), texts))))
    capitalised.difference_update(map(_FIRST_WORD, document.sentences))
    inside = list(capitalised)
    return frozenset(map(keys.__getitem__, compress(inside, map(not_, map(str.isupper, map(texts.__getitem__, inside))))))


_FIRST_WORD = attrgetter("first_word")
_LINK_STARTS = frozenset({"http", "https", "www"})
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _tag_cues(tag: str) -> list[str]:
    """A hashtag as ``<hashtag>`` and the familiar lower-case words inside it ("#ILoveMondays": "#love")."""
    cues = ["<hashtag>"]
    for part in _CAMEL.findall(tag[:MAX_LETTERS * 3]):
        word = part.lower()
        if usable(word) and (part == word or word in dale_chall_easy_words()):
            cues.append("#" + word)
    return cues


class CueReader:
    """What reading a document's cues needs, worked out once: its word keys, texts and bounds,
    its names, where hashtags and mentions start, which sentences need the full pass; and each
    distinct word's (stretched, cue key) and each distinct gap's cues, found once per document."""

    def __init__(self, document) -> None:
        self.keys = keys = word_keys(document)
        # The words as the segmentation's columns (no Word object is made).
        self.texts = texts = document.word_texts
        self.starts = starts = document.word_starts
        self.ends = document.word_ends
        self.text = text = document.text
        self.names = _names(document, keys, texts)
        # Where a word after "#" or "@" starts (``in`` finds out at C speed that most texts hold neither).
        self.tagged = {m.end() for m in _TAG_MARK.finditer(text)} if "#" in text or "@" in text else set()
        self.sentences = document.prose_sentences
        self.special = _special_sentences(self.sentences, starts, keys, self.tagged, joined_keys(document))
        self.known: dict[str, tuple[bool, str | None]] = {}  # (stretched, cue key) of a word not opening its sentence
        self.opening: dict[str, tuple[bool, str | None]] = {}  # the same for a word opening its sentence
        self._gap_cues: dict[str, list[str]] = {}  # the cues of each distinct gap (never changed once made)

    def full_passes(self) -> dict[int, bool]:
        """The prose sentences (by position) that need the full pass, each with whether a gap
        between its words may hold a cue (``full_pass``'s ``marked``); the others are plain: no
        cue between their words, no hashtag, mention or link, and some word.

        A sentence is marked when ``_GAP_MARK`` matches somewhere from its first word's end to
        its last word's start. Where the pattern matches does not depend on where a search
        starts (its look-behinds see only the character it matched), so the next place it
        matches, found once, answers for every sentence before it: one search per place passed,
        not one per sentence. (A "..." running past a sentence's last word start would not be
        seen by a search ending there: such a sentence is marked, and a marked sentence whose
        gaps hold no cue is read the same by the full pass.)"""
        text, starts, ends, special = self.text, self.starts, self.ends, self.special
        search = _GAP_MARK.search
        full: dict[int, bool] = {}
        mark = -1  # the next place the pattern matches, at or after the last place searched (-1: none searched)
        for k, sentence in enumerate(self.sentences):
            first, end = sentence.first_word, sentence.end_word
            if end - first > 1:
                low, high = ends[first], starts[end - 1]
                if mark < low:
                    found = search(text, low)
                    mark = found.start() if found is not None else len(text)
                if mark < high:
                    full[k] = True
                    continue
            elif end == first:
                full[k] = False
                continue
            if k in special:
                full[k] = False
        return full

    def gap_cues_of(self, gap: str) -> list[str]:
        found = self._gap_cues.get(gap)
        if found is None:
            found = self._gap_cues[gap] = _gap_cues(gap)
        return found

    def inside(self, i: int) -> tuple[bool, str | None]:
        """(stretched, cue key) of word ``i``, which does not open its sentence."""
        written = self.texts[i]
        stretched, key, by_name = word_reading(written, self.keys[i], False)
        found = (stretched, None if by_name and key in self.names else key)
        self.known[written] = found
        return found

    def opener(self, i: int) -> tuple[bool, str | None]:
        written = self.texts[i]
        found = self.opening.get(written)
        if found is None:
            stretched, key, by_name = word_reading(written, self.keys[i], True)
            found = self.opening[written] = (stretched, None if by_name and key in self.names else key)
        return found

    def full_pass(self, sentence, marked: bool) -> list[str]:
        """The cues of a sentence read word by word with the gaps between them (``marked``: some
        gap between its words may hold a cue), hashtags, mentions and links."""
        texts, starts, ends, keys, text, tagged = self.texts, self.starts, self.ends, self.keys, self.text, self.tagged
        known, inside, opener, gap_cues_of = self.known, self.inside, self.opener, self.gap_cues_of
        first, end = sentence.first_word, sentence.end_word
        cues: list[str] = []
        previous = None
        gap_start = sentence.start
        in_link = False
        for i in range(first, end):
            start = starts[i]
            opens = i == first
            if opens or in_link or marked:
                gap = text[gap_start:start] if start > gap_start else ""
                cues += gap_cues_of(gap) if gap else []
            else:
                gap = " "  # no cue in it (only its being non-empty and blank matters below)
            gap_start = ends[i]
            if in_link and gap and not gap.isspace() and not any(c.isspace() for c in gap):
                continue  # the rest of a link ("t", "co" in "http://t.co/x")
            in_link = False
            if start in tagged:
                cues += _tag_cues(texts[i]) if text[start - 1] == "#" else ["<mention>"]
                previous = None
                continue
            if keys[i] in _LINK_STARTS and text[gap_start : gap_start + 1] in (":", "."):
                cues.append("<link>")
                in_link, previous = True, None
                continue
            previous = _add_word(cues, opener(i) if opens else known.get(texts[i]) or inside(i), previous)
        if sentence.end > gap_start:
            cues += gap_cues_of(text[gap_start : sentence.end])
        return cues


def sentence_cues(document) -> list[list[str]]:
    """Per prose sentence (aligned with ``document.prose_sentences``), its cue keys: words,
    neighbouring pairs and the non-word cues between them, in one pass (memoised per document).

    The gaps between words are read only in a sentence holding a mark that can be a cue there,
    and each distinct word's cue key (and whether it is stretched) is worked out once, so the pass
    over the words does little more than look them up. Equal one-word sentences share one list
    (a flood of "Yes." stays small): read the lists, never change them. (The model reads the
    same cues as numbers: ``cue_numbers``.)"""

    def compute() -> list[list[str]]:
        reader = CueReader(document)
        starts, ends, texts, text = reader.starts, reader.ends, reader.texts, reader.text
        full = reader.full_passes()
        one_word: dict[tuple[str, str, str], list[str]] = {}  # (gap before, word, gap after) -> cues
        result = []
        for k, sentence in enumerate(reader.sentences):
            first, end = sentence.first_word, sentence.end_word
            marked = full.get(k)
            if marked is not None:
                result.append(reader.full_pass(sentence, marked))
            elif end - first == 1:  # nothing but its text decides: equal one-word sentences share one list
                shape = (text[sentence.start : starts[first]], texts[first], text[ends[first] : sentence.end])
                cues = one_word.get(shape)
                if cues is None:
                    cues = one_word[shape] = _plain_sentence_cues(sentence, reader)
                result.append(cues)
            else:
                result.append(_plain_sentence_cues(sentence, reader))
        return result

    return document.memo("irony.sentence_cues", compute)


def _special_sentences(sentences, starts: Sequence[int], keys: list[str], tagged: set[int], joined: str) -> set[int]:
    """Positions (in ``sentences``) of the sentences that may hold a hashtag, a mention or the
    start of a link: only they need the full pass (a few more marked do no harm). ``joined``:
    the keys joined by line breaks, which holds "http" or "www" if some key is a link start
    (one search at C speed instead of a look-up per word)."""
    places = set(tagged)
    if ("http" in joined or "www" in joined) and not _LINK_STARTS.isdisjoint(keys):
        places.update(starts[i] for i, key in enumerate(keys) if key in _LINK_STARTS)
    if not places:
        return places
    starts = [s.start for s in sentences]
    return {bisect.bisect_right(starts, p) - 1 for p in places}


def _add_word(cues: list[str], word: tuple[bool, str | None], previous: str | None) -> str | None:
    """Add one word's cues (its stretch, its key, the pair with the word before); return its key."""
    stretched, key = word
    if stretched:
        cues.append("<elongated>")
    if key is not None:
        cues.append(key)
        if previous is not None:
            cues.append(previous + " " + key)
    return key


def _plain_sentence_cues(sentence, reader: CueReader) -> list[str]:
    """The cues of a sentence without hashtags, mentions or links whose gaps between words hold
    no cue: the gaps before its first word and after its last, and its words and pairs."""
    starts, ends, texts, text = reader.starts, reader.ends, reader.texts, reader.text
    first, end = sentence.first_word, sentence.end_word
    opening_start = starts[first]
    cues = list(reader.gap_cues_of(text[sentence.start : opening_start])) if opening_start > sentence.start else []
    previous = _add_word(cues, reader.opener(first), None)
    known_word, inside = reader.known.get, reader.inside
    append = cues.append
    for i in range(first + 1, end):  # ``_add_word`` written out: this loop runs once per word
        written = texts[i]
        stretched, key = known_word(written) or inside(i)
        if stretched:
            append("<elongated>")
        if key is not None:
            append(key)
            if previous is not None:
                append(previous + " " + key)
        previous = key
    last_end = ends[end - 1]
    if sentence.end > last_end:
        cues += reader.gap_cues_of(text[last_end : sentence.end])
    return cues


# What can make a gap between words a cue: "!", "?", "…", "...", or any character outside ASCII
# that is not one of the usual quotation marks and dashes (an emoji is one). A word never holds
# "!", "?", "…" or "...", so a lone "." (a number, an abbreviation) marks nothing. Written as one
# character class first ("!", "?", "." or such a character; a "." then needs two more): the regex
# engine then skips to the next such character instead of trying three alternatives at each one.
_GAP_MARK = re.compile(r"[^\x00-\x20\x22-\x2d\x2f-\x3e\x40-\x7f’‘“”—–](?:(?<=\.)\.\.|(?<!\.))")
_TAG_MARK = re.compile(r"[#@]")


def text_cues(words: list[str]) -> list[str]:
    """The cue keys of a list of (already tokenised) words, for the training script's quick path."""
    cues: list[str] = []
    previous = None
    for k, text in enumerate(words):
        key = _cue_key(text, text.replace("’", "'").lower(), k == 0)
        if key is not None:
            cues.append(key)
            if previous is not None:
                cues.append(previous + " " + key)
        previous = key
    return cues


def length_scale(words: int, reference_words: float) -> float:
    """A text longer than ``reference_words`` is judged per reference-sized stretch (its cue density)."""
    return min(1.0, reference_words / max(words, 1))


def cue_score(cues: list[str], words: int, table: dict[str, Any] | None = None) -> float:
    """The word-cue score of a stretch of text: the summed weights of its cues, scaled by length."""
    table = table or cue_table()
    weights = table["weights"]
    total = sum(map(weights.__getitem__, filter(weights.__contains__, cues)))  # a cue without weight adds 0
    return total * length_scale(words, float(table["reference_words"]))


def top_cues(cues: list[str], table: dict[str, Any] | None = None, n: int = 5) -> list[dict[str, Any]]:
    """The cues that raised the score most and those that lowered it most, with their summed weight."""
    from .cue_numbers import ranked_cues

    weights = (table or cue_table())["weights"]
    counts = Counter(filter(weights.__contains__, cues))  # in the order the cues first occur
    return ranked_cues(list(counts), list(map(weights.__getitem__, counts)), list(counts.values()), n)
