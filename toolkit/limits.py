"""Default limits of a run, kept apart so that reading settings loads no analysis machinery."""

# About 350,000 words (a long novel). Analyzers are held to 2 s of CPU and 200 MiB per MB
# (benchmarks/bench_hostile.py), so a run stays within ~4 s per analyzer and ~400 MiB
# whatever the content: safe on a CI runner. Larger input needs --max-bytes.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

# Per analyzer, per document. Linear analyzers need ~2 s per MB; the default
# input limit is a few MB, so a minute is generous and still ends a hang.
DEFAULT_TIME_BUDGET = 60.0

# A window for per-sentence work (``Document.window``), as textkit's irony and sentiment
# analyzers use it: the first DEFAULT_SENTENCE_WINDOW sentences plus one per
# WINDOW_CHARS_PER_SENTENCE characters of the text. Prose (80-130 characters a sentence)
# is never cut; a flood of one-word sentences ("Yes. Yes. ...", 100,000-500,000 per MB)
# is, so per-sentence work stays well within the bound at every size.
DEFAULT_SENTENCE_WINDOW = 2_000
WINDOW_CHARS_PER_SENTENCE = 20
