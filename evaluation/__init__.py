"""Quality evaluations of textkit's analyzers against human gold data.

Run one with ``python -m evaluation.sentiment --data ../shared/data`` or all
with ``python -m evaluation --data ../shared/data --write docs/quality.md``.
The data is not part of the repository (its licences forbid copying it);
every script skips with a message when it is absent.
"""
