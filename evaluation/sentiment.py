"""Sentiment against VADER's own human ratings (Hutto & Gilbert 2014).

    python -m evaluation.sentiment --data ../shared/data

Data: sentiment_vader/{tweets,movieReviewSnippets,amazonReviewSnippets}_GroundTruth.txt,
TSV lines ``id <tab> mean rating (-4..4) <tab> text`` (CRLF), each rating the
mean of about 20 people's.

Sentence level: Pearson r between the human mean and the compound textkit
gives a snippet, which is what the sentiment analyzer's path computes for a
sentence (``textkit.plugins._vader.polarity``: VADER after reading curly
apostrophes as straight ones). The reference is plain vaderSentiment on the
same text, measured in the same run (Hutto & Gilbert's Table 4 figures come
from an older VADER and are given in the data column).

Document level: the Amazon snippet ids are ``review_sentence``, so the
snippets roll up to whole reviews. For every review with at least 3 snippets
the gold is the mean of its snippets' ratings; the snippets are joined in
sentence order with spaces and run through
``textkit.analyze_text(joined, only=["sentiment"])``, and textkit's score is
``metrics["compound"]``. textkit's segmenter re-splits the joined text, which
need not give the snippet boundaries back, so for diagnosis the same
document score is also computed over the gold snippets. The reference is
VADER run on the joined text. Diagnostic rows: the adjusted sentence score
the document score sums (``hedge-adjusted``) at sentence level, the document
score over the gold snippets, the prior chosen by cross-validation, and a
bootstrap interval of the gain over the plain mean of sentence compounds.
"""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass
from pathlib import Path

import textkit
from textkit.plugins import _vader
from textkit.plugins import _sentiment_document as doc
from textkit.plugins import _sentiment_words as words
from textkit.plugins.sentiment import PRIOR_SENTENCES, hedge_cues, label

from . import sentiment_reviews
from .common import Evaluation, main, pearson

TITLE = "Sentiment"
FOLDER = "sentiment_vader"
# (file stem, name in the table, Hutto & Gilbert 2014 Table 4 r for VADER)
SETS = (
    ("tweets", "tweets", 0.881),
    ("movieReviewSnippets", "movie reviews", 0.451),
    ("amazonReviewSnippets", "Amazon snippets", 0.565),
)
MIN_SENTENCES = 3
DETAILS = textkit.Config({"sentiment": {"sentence_details": True}})  # the per-sentence records in data
DOCUMENT_TARGET = ">= 0.80"
PRIORS = (0, 1, 2, 3, 4)  # neutral sentences added to a review: the candidates of the cross-validation


@dataclass(frozen=True)
class Rated:
    id: str
    rating: float
    text: str


@dataclass(frozen=True)
class Review:
    id: str
    snippets: tuple[str, ...]
    ratings: tuple[float, ...]

    @property
    def gold(self) -> float:
        return statistics.fmean(self.ratings)

    @property
    def text(self) -> str:
        return " ".join(self.snippets)


def read_ratings(path: Path) -> list[Rated]:
    """One VADER ground-truth file (CRLF lines; the text may contain quotes, so no csv quoting)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            id_, rating, text = line.split("\t", 2)
            rows.append(Rated(id_, float(rating), text))
    return rows


def reviews(rows: list[Rated], min_sentences: int = MIN_SENTENCES) -> list[Review]:
    """Amazon snippets grouped into reviews (ids ``review_sentence``), in review and sentence order."""
    grouped: dict[int, list[tuple[int, Rated]]] = {}
    for row in rows:
        review, sentence = row.id.split("_")
        grouped.setdefault(int(review), []).append((int(sentence), row))
    out = []
    for review in sorted(grouped):
        snippets = [row for _, row in sorted(grouped[review], key=lambda pair: pair[0])]
        if len(snippets) >= min_sentences:
            out.append(Review(str(review), tuple(r.text for r in snippets), tuple(r.rating for r in snippets)))
    return out


def textkit_sentence(text: str) -> float:
    return _vader.polarity(text)["compound"]


def sentence_input(text: str) -> doc.SentenceInput:
    """What the document score takes from one sentence, computed as the analyzer does."""
    valences = _vader.token_valences(text)
    evidence = words.sentence_evidence(valences)
    return doc.SentenceInput(evidence.value, hedge_cues(text), doc.turn_opener(valences.tokens), None, evidence.without)


def hedged_sentence(text: str) -> float:
    """The adjusted evidence a sentence adds to the document score (diagnostic only)."""
    return doc.sentence_part(sentence_input(text)).adjusted


def plain_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores


def score_review(review: Review) -> dict:
    """textkit end-to-end on the joined review: compound, mean_compound and the adjusted sentence scores."""
    section = textkit.analyze_text(review.text, only=["sentiment"], config=DETAILS)["sentiment"]
    if section.status != "ok":
        raise RuntimeError(f"review {review.id}: sentiment section {section.status}")
    return {
        "compound": section.metrics["compound"],
        "mean_compound": section.metrics["mean_compound"],
        "adjusted": [(s["weight"], s["adjusted"]) for s in section.data["sentences"]],
    }


def with_prior(adjusted: list[tuple[float, float]], prior: int) -> float:
    """The document score of (weight, adjusted) pairs with ``prior`` neutral sentences."""
    return sum(w * a for w, a in adjusted) / (sum(w for w, _ in adjusted) + prior)


def cross_validate_prior(adjusted: list[list[float]], gold: list[float], folds: int = 5, repeats: int = 10):
    """Choose the prior on 4/5 of the reviews; yield (test indices, chosen prior) for the other 1/5.

    Repeated over ``repeats`` shuffles, so that one lucky split does not decide.
    """

    def r(prior, idx):
        return pearson([with_prior(adjusted[i], prior) for i in idx], [gold[i] for i in idx])

    for seed in range(repeats):
        order = list(range(len(gold)))
        random.Random(seed).shuffle(order)
        parts = [order[k::folds] for k in range(folds)]
        for k, test in enumerate(parts):
            train = [i for j, part in enumerate(parts) if j != k for i in part]
            yield test, max(PRIORS, key=lambda p: r(p, train))


def bootstrap_gain(ours: list[float], baseline: list[float], gold: list[float], samples: int = 1000):
    """Resample the reviews: the 2.5 and 97.5 percentiles of r(ours) - r(baseline), and how often it is > 0."""
    rng = random.Random(0)
    n = len(gold)
    gains = []
    for _ in range(samples):
        idx = [rng.randrange(n) for _ in range(n)]
        g = [gold[i] for i in idx]
        gains.append(pearson([ours[i] for i in idx], g) - pearson([baseline[i] for i in idx], g))
    gains.sort()
    return gains[int(0.025 * samples)], gains[int(0.975 * samples) - 1], sum(x > 0 for x in gains) / samples


def evaluate(data: Path) -> Evaluation:
    folder = data / FOLDER
    sets = {stem: read_ratings(folder / f"{stem}_GroundTruth.txt") for stem, _, _ in SETS}
    result = Evaluation("sentiment")
    plain = plain_vader()
    changed = _sentence_rows(result, sets, plain)
    amazon = reviews(sets["amazonReviewSnippets"])
    scored = [score_review(review) for review in amazon]
    figures = _document_rows(result, amazon, scored, plain)
    long_reviews = sentiment_reviews.rows(result, data)
    result.notes = _notes(sets, amazon, scored, changed, **figures) + "\n\n" + _long_notes(long_reviews)
    return result


def _sentence_rows(result: Evaluation, sets: dict, plain) -> int:
    """Sentence-level rows; returns how many snippets textkit reads differently from plain VADER."""
    changed = 0
    hedged_rows = []
    for stem, name, published in SETS:
        rows = sets[stem]
        gold = [row.rating for row in rows]
        ours = [textkit_sentence(row.text) for row in rows]
        vader = [plain(row.text)["compound"] for row in rows]
        changed += sum(a != b for a, b in zip(ours, vader))
        reference = pearson(vader, gold)
        result.add(
            f"{name}: sentence r",
            pearson(ours, gold),
            reference,
            f"{len(rows):,} snippets; published VADER r {published}",
            f">= {math.floor(reference * 10_000) / 10_000:.4f}",  # not below plain VADER
        )
        hedged_rows.append((name, pearson([hedged_sentence(row.text) for row in rows], gold), reference, len(rows)))
    for name, value, reference, n in hedged_rows:
        result.add(f"{name}: sentence r, hedge-adjusted (diagnostic)", value, reference, f"{n:,} snippets")
    return changed


def _document_rows(result: Evaluation, amazon: list[Review], scored: list[dict], plain) -> dict:
    gold = [review.gold for review in amazon]
    ours = [s["compound"] for s in scored]
    means = [s["mean_compound"] for s in scored]
    adjusted = [s["adjusted"] for s in scored]
    end_to_end = pearson(ours, gold)
    vader_joined = pearson([plain(review.text)["compound"] for review in amazon], gold)
    mean_segments = pearson(means, gold)
    over_snippets = pearson([doc.document_score([sentence_input(t) for t in r.snippets]) for r in amazon], gold)
    mean_snippets = pearson([statistics.fmean(textkit_sentence(t) for t in r.snippets) for r in amazon], gold)
    what = f"{len(amazon)} reviews with >= {MIN_SENTENCES} sentences"
    result.add(
        "Amazon reviews: document r, textkit end-to-end",
        end_to_end,
        vader_joined,
        what + "; reference: VADER on the joined text",
        DOCUMENT_TARGET,
    )
    result.add("Amazon reviews: document r, plain mean of sentence compounds", mean_segments, None, what + "; textkit's sentences (mean_compound)")
    result.add("Amazon reviews: document r, textkit's score over the gold snippets", over_snippets, None, what + "; diagnostic")
    result.add("Amazon reviews: document r, plain mean over the gold snippets", mean_snippets, None, what + "; diagnostic")

    folds = list(cross_validate_prior(adjusted, gold))
    cv_ours = statistics.fmean(
        pearson([with_prior(adjusted[i], prior) for i in test], [gold[i] for i in test]) for test, prior in folds
    )
    cv_mean = statistics.fmean(pearson([means[i] for i in test], [gold[i] for i in test]) for test, _ in folds)
    result.add(
        "Amazon reviews: document r, prior chosen by 5-fold CV (mean test fold)",
        cv_ours,
        cv_mean,
        what + "; reference: plain mean, same folds",
    )
    low, high, share = bootstrap_gain(ours, means, gold)
    result.add(
        "Amazon reviews: document r gain over the plain mean, 95% bootstrap interval",
        f"{end_to_end - mean_segments:+.3f} [{low:+.3f}, {high:+.3f}]",
        None,
        what + f"; the gain is positive in {share:.0%} of 1,000 resamples",
    )
    return {
        "chosen": [prior for _, prior in folds],
        "end_to_end": end_to_end,
        "over_snippets": over_snippets,
        "mean_segments": mean_segments,
        "vader_joined": vader_joined,
    }


def _notes(sets, amazon, scored, changed, chosen, end_to_end, over_snippets, mean_segments, vader_joined) -> str:
    gold = [review.gold for review in amazon]
    snippets = sets["amazonReviewSnippets"]
    compounds = [textkit_sentence(row.text) for row in snippets]
    clear_complaints = [(row, c) for row, c in zip(snippets, compounds) if row.rating <= -1.0]
    missed = sum(c >= 0.05 for _, c in clear_complaints)
    unseen = sum(abs(c) < 0.05 for _, c in clear_complaints)
    movie = sets["movieReviewSnippets"]
    movie_neutral = sum(abs(textkit_sentence(row.text)) < 0.05 and abs(row.rating) >= 1 for row in movie)
    worst = max(range(len(amazon)), key=lambda i: abs(scored[i]["compound"] - gold[i] / 4))
    segments = sum(len(s["adjusted"]) for s in scored)
    snippet_count = sum(len(r.snippets) for r in amazon)
    prior_share = chosen.count(PRIOR_SENTENCES) / len(chosen)
    return (
        "Sentence scores are VADER's own: textkit only reads curly apostrophes as straight ones, which "
        f"changes {changed} of the {sum(len(rows) for rows in sets.values()):,} snippets here (VADER's sets "
        "use straight ones), so textkit's sentence r equals plain vaderSentiment's (the published figures "
        "were measured with the 2014 VADER). The errors are VADER's lexicon: of the Amazon snippets people rated "
        f"clearly negative (<= -1), {missed} of {len(clear_complaints)} score positive and {unseen} neutral, "
        "because complaints about products are told in facts without sentiment words (\"it stopped working\", "
        "\"sent it back\"), slang VADER does not list (\"junk\"), positive words used neutrally (\"gift\", "
        "\"support\", \"like\" as a preposition), and negated negatives read as praise (\"don't waste your "
        f"money\"). Movie snippets are hardest: {movie_neutral:,} of {len(movie):,} get a neutral compound "
        "although people rated them at least 1 point from neutral (plot summary, irony, judgements without "
        "sentiment words).\n\n"
        f"Document level, VADER on the joined review text reaches only r {vader_joined:.3f}: its compound "
        "saturates towards -1 or +1 on long text. The plain mean of textkit's sentence compounds gets "
        f"{mean_segments:.3f}; textkit's document score gets {end_to_end:.3f}. It sums per-sentence evidence: "
        f"VADER's word valences with negative words x{words.NEGATIVE_WEIGHT:g}, review vocabulary VADER lacks or "
        "misreads, 'like' as a preposition read as no praise, story words and minor complaints x0.3, conceded "
        "clauses x0.5, praise in irrealis clauses not counted; hedged praise damped (a positive sentence with "
        "a negation, modal, 'if', question mark or 'but' counts x0.6, a negative one with 'but' too; a neutral "
        "one with a negation -0.2); a sentence opening with a turn ('But', 'However', 'Overall') weighs 1.5; "
        f"and {PRIOR_SENTENCES} neutral sentences are added to every review so that short reviews are pulled "
        "towards neutral. The hedge factors were chosen on the tweet and movie sentence ratings; the rows "
        "'hedge-adjusted (diagnostic)' show the adjusted sentence evidence against plain VADER on all three "
        "sets, Amazon included (it is not the sentence score textkit reports: that stays VADER's). The prior of "
        f"{PRIOR_SENTENCES} sentences is chosen in {prior_share:.0%} of the cross-validation folds. textkit's "
        f"segmenter finds {segments} sentences where the data has {snippet_count} snippets (it splits and "
        "joins snippets differently where their punctuation is loose); over the gold snippets the same score "
        f"gets r {over_snippets:.3f}, end to end {end_to_end:.3f}. What is left is the sentence errors above, "
        "which do not average out within a review: a review told in facts, or in negated praise, is misread "
        f"sentence after sentence (the largest miss is review {amazon[worst].id}: human mean "
        f"{gold[worst]:+.2f} on -4..4, textkit {scored[worst]['compound']:+.3f}, "
        f"{label(scored[worst]['compound'])})."
    )


def _long_notes(scored) -> str:
    m = sentiment_reviews.misread(scored)
    return (
        "Whole product reviews (Blitzer et al. 2007; the rows 'Product reviews'): VADER on the whole text calls "
        "most complaints praise (its negative recall is under one half): a review sums many words, VADER's "
        "compound saturates, and reviews use more positive than negative words even when they complain. The plain "
        "mean of sentence compounds leans the same way. textkit's document score weighs negative words "
        f"x{words.NEGATIVE_WEIGHT:g} and reads the review vocabulary above, conceded clauses ('although it is "
        "small, ...') at half weight and wished-for praise ('I wanted to love it', 'it should have been great') "
        "not at all; the ablation rows show what each rule adds (a rule's effect is taken from the section's own "
        "data['score_parts']). Three weights were chosen on these reviews by leave-one-domain-out "
        "cross-validation (the row 'weights chosen leave-one-domain-out'): SO-CAL's x1.5 for negative words became "
        "x1.25, because the review phrases now catch complaints the heavier weight caught before and x1.5 "
        "then calls too many positive reviews negative; the concession and irrealis factors kept VADER's and "
        "SO-CAL's values. Part of the review vocabulary (story words, complaint and verdict phrases such as "
        "\"don't waste\", \"at best\", \"a must\") was written after reading misclassified reviews of this set, "
        "so these are dev-set figures. "
        f"Still misread: {m['wrong']:,} of {len(scored):,} reviews ({m['false_positive']:,} complaints called "
        f"positive, {m['false_negative']:,} positive reviews called neutral or negative; by domain "
        + ", ".join(f"{d} {n}" for d, n in sorted(m["by_domain"].items()))
        + "). Reading a sample of them by hand: complaints told in facts with a stray word of praise (\"works "
        "great as long as...\", \"the gears stripped\", \"it blew up in the microwave\"); comparisons with other "
        "products or an author's other work (\"not his best, when he has 8 1/2\", \"the cheaper grinders locked "
        "up\"), whose sentiment is about something else; plot and history summaries in book and film reviews "
        "(\"the bombs... his friends get cut down\"), only partly caught by the story words; sarcasm and ironic "
        "praise (\"a renowned talent\" of a film the reviewer hated), which waits for the irony evidence; "
        "misspelt verdicts (\"disappoined\", \"dissapointed\"); and short reviews without a sentiment word. "
        "A word list learned from these reviews (naive-Bayes log-count ratios, words of the same sign in every "
        "domain, trained on three domains and tested on the fourth) reached about 0.80 accuracy but its words "
        "were topic words (\"family\", \"desk\", \"eight\") no reader would call evidence, so it is not used. "
        "Tried on these reviews and dropped because they did not help: SO-CAL's negation as a shift ('not "
        "excellent' lukewarm rather than bad; accuracy fell by 0.1 to 0.3 points), damping negative words in "
        "sentences without a first- or second-person word (meant for plot summary: +0.1 point accuracy, -2 "
        "points negative recall). About two thirds of what is still misread are positive reviews, most of them "
        "scored just under the +0.05 line (a long review whose praise and complaints nearly cancel)."
    )


if __name__ == "__main__":
    main("sentiment", evaluate, __doc__)
