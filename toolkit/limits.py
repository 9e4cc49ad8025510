"""Default limits of a run, kept apart so that reading settings loads no analysis machinery."""

# About 350,000 words (a long novel). Analyzers are held to 2 s of CPU and 200 MiB per MB
# (benchmarks/bench_hostile.py), so a run stays within ~4 s per analyzer and ~400 MiB
# whatever the content: safe on a CI runner. Larger input needs --max-bytes.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024

# Per analyzer, per document. Linear analyzers need ~2 s per MB; the default
# input limit is a few MB, so a minute is generous and still ends a hang.
DEFAULT_TIME_BUDGET = 60.0
